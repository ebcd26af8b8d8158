import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Catalog } from '../../src/catalog/catalog.js';
import { requestNumberIn } from '../../src/conversation/request-type-hint.js';
import type { IntentClassifier, LabelledText } from '../../src/nlu/intent-classifier.js';
import { decideIntent } from '../../src/nlu/intent-decision.js';
import { normalise } from '../../src/nlu/option-matching.js';

/** Where a first message goes for the conversation engine: an intent, "did you mean", or the service desk. */
export const SERVICE_DESK = 'service-desk';
const ASKED = 'asked which';

const firstMessages = z.array(z.object({ say: z.string().min(1), to: z.string().min(1) }).strict()).min(1);

export interface FirstMessageReport {
  total: number;
  right: number;
  misses: Array<{ say: string; expected: string; went: string }>;
}

/**
 * Scores the first-message set as the engine routes a first message: a request number goes
 * to status, a confident intent is acted on, a close call asks which, anything else goes to
 * the service desk. Only acting on the right intent (or handing off what the catalog does
 * not cover) counts as right. A message that is also a training example is refused, so the
 * set stays apart from what the classifier learns from.
 */
export async function scoreFirstMessages(
  file: string,
  catalog: Catalog,
  classifier: IntentClassifier,
  training: readonly LabelledText[],
): Promise<FirstMessageReport> {
  const set = firstMessages.parse(parse(await readFile(file, 'utf8')));
  const trained = new Set(training.map((t) => normalise(t.text)));
  const leaked = set.filter((m) => trained.has(normalise(m.say)));
  if (leaked.length > 0) throw new Error(`${file}: also training examples, keep them apart: ${leaked.map((m) => m.say).join('; ')}`);
  const status = catalog.intents.find((i) => i.kind === 'status')?.id;
  const misses: FirstMessageReport['misses'] = [];
  for (const message of set) {
    const ranked = classifier.classify(message.say);
    const decision = decideIntent(ranked);
    const top = decision.kind === 'confident' ? catalog.intent(decision.intent) : undefined;
    const went =
      requestNumberIn(message.say) && top?.kind !== 'cancel' && status
        ? status
        : decision.kind === 'confident'
          ? decision.intent
          : decision.kind === 'ambiguous'
            ? `${ASKED} (${decision.candidates.map((c) => c.intent).join(', ')})`
            : SERVICE_DESK;
    // An intent the catalog does not have is a miss, named as such.
    const expected = message.to === SERVICE_DESK || catalog.intent(message.to) ? message.to : `${message.to} (no such intent)`;
    if (went !== message.to) misses.push({ say: message.say, expected, went });
  }
  return { total: set.length, right: set.length - misses.length, misses };
}
