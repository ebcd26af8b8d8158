import { z } from 'zod';
import type { ChoiceField } from './llm-advisor.js';
import { NONE } from './llm-prompts.js';

/** The model's JSON reply, tolerating a Markdown code fence around it. */
function parseJson(content: string | null | undefined): unknown {
  if (!content) return undefined;
  const unfenced = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  try {
    return JSON.parse(unfenced);
  } catch {
    return undefined;
  }
}

/** The chosen intent if it is one of `ids`; anything else (other ids, none, prose) is discarded. */
export function chosenIntent(content: string | null | undefined, ids: readonly string[]): string | undefined {
  const allowed = z.object({ intent: z.string() }).safeParse(parseJson(content));
  if (!allowed.success || allowed.data.intent === NONE || !ids.includes(allowed.data.intent)) return undefined;
  return allowed.data.intent;
}

/** Values that are options of their field; unknown fields and values are dropped one by one. */
export function extractedValues(content: string | null | undefined, fields: readonly ChoiceField[]): Record<string, string> {
  const parsed = z.object({ values: z.record(z.string(), z.unknown()) }).safeParse(parseJson(content));
  if (!parsed.success) return {};
  const values: Record<string, string> = {};
  for (const field of fields) {
    const raw = parsed.data.values[field.id];
    if (typeof raw !== 'string') continue;
    const allowed = new Set(field.options.map((o) => o.value));
    const picked = (field.multiple ? raw.split(',') : [raw]).map((v) => v.trim()).filter((v) => v !== '');
    if (picked.length > 0 && picked.every((v) => allowed.has(v))) values[field.id] = [...new Set(picked)].join(',');
  }
  return values;
}
