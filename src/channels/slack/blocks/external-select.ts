import type { OptionGroup, PlainTextOption } from '@slack/types';
import type { Catalog } from '../../../catalog/catalog.js';
import type { Option } from '../../../catalog/schema.js';
import type { Person } from '../../../directory/person.js';
import { plainText, SlackLimits } from '../../../../cards/blockkit/limits.js';
import { representable, selectOption } from '../../../../cards/blockkit/block-builders.js';

export interface ExternalFieldRef { requestTypeId: string; fieldId: string }

export interface ExternalSelectContext {
  catalog: Catalog;
  requester: Person;
  /** Answers so far, so options that depend on them (and on the role) are filtered alike. */
  fields?: Record<string, unknown>;
}

/** The answer to a block_suggestion: what Slack shows under an external select. */
export type ExternalSelectOptions = { option_groups: OptionGroup[] } | { options: PlainTextOption[] };

/**
 * The options an external select offers for what was typed: the same options the dialog
 * offers this person (catalog.optionsFor), best matches first, grouped by the option's
 * category or kind, at most Slack's 100.
 */
export function optionsForExternalSelect(ref: ExternalFieldRef, query: string, ctx: ExternalSelectContext): ExternalSelectOptions {
  const field = ctx.catalog.requestType(ref.requestTypeId)?.fields.find((f) => f.id === ref.fieldId);
  if (!field) return { options: [] };
  const offered = representable(ctx.catalog.optionsFor(field, { requester: ctx.requester, fields: ctx.fields ?? {} }));
  const matches = rank(offered, query).slice(0, SlackLimits.optionsPerSelect);
  const groups = new Map<string, PlainTextOption[]>();
  for (const option of matches) {
    const label = groupLabel(option) ?? field.label;
    groups.set(label, [...(groups.get(label) ?? []), selectOption(option)]);
  }
  return {
    option_groups: [...groups].slice(0, SlackLimits.optionGroups).map(([label, options]) => ({ label: plainText(label, SlackLimits.optionText), options })),
  };
}

function groupLabel(option: Option): string | undefined {
  const raw = option.attributes.category ?? option.attributes.kind;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const words = raw.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Label prefix first, then a word of the label, then anywhere in label, synonyms or description. */
function rank(options: Option[], query: string): Option[] {
  const q = query.trim().toLowerCase();
  if (q === '') return options;
  const score = (o: Option): number => {
    const label = o.label.toLowerCase();
    if (label.startsWith(q)) return 0;
    if (label.split(/\W+/).some((w) => w.startsWith(q))) return 1;
    if (label.includes(q) || o.value.toLowerCase().includes(q)) return 2;
    if (o.synonyms.some((s) => s.toLowerCase().includes(q)) || o.description?.toLowerCase().includes(q)) return 3;
    return 4;
  };
  return options.map((o) => ({ o, s: score(o) })).filter((x) => x.s < 4).sort((a, b) => a.s - b.s).map((x) => x.o);
}
