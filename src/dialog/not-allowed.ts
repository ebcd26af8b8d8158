import type { Field, NotAllowed, Option } from '../catalog/schema.js';
import { matchAnswer, matchMention } from '../nlu/option-matching.js';
import { tokenize } from '../nlu/tokenize.js';

/** What was named and the catalog's entry for it. */
export interface Refused {
  name: string;
  entry: NotAllowed;
}

/** One option per name, so a match says which name was meant. */
const asOptions = (entries: readonly NotAllowed[]) => entries.flatMap((entry, i) => entry.names.map((name, j) => ({ value: `${i}:${j}`, label: name })));

const refusedBy = (entries: readonly NotAllowed[], value: string): Refused => {
  const [i, j] = value.split(':').map(Number) as [number, number];
  return { name: entries[i]!.names[j]!, entry: entries[i]! };
};

/** What a refusal says: what, why, and what to use instead. */
export function refusal({ name, entry }: Refused): string {
  return `${name} is not allowed here: ${entry.reason}${entry.alternative ? ` Instead: ${entry.alternative}` : ''}`;
}

/** The not-allowed thing a whole answer names ("utorrent"), typos tolerated as for options. */
export function notAllowedAnswer(typed: string, entries: readonly NotAllowed[]): Refused | undefined {
  const found = matchAnswer(typed, asOptions(entries));
  return found ? refusedBy(entries, found.value) : undefined;
}

/** The not-allowed thing a longer text names exactly ("please install uTorrent on my laptop"). */
export function notAllowedMention(text: string, fields: readonly Field[]): Refused | undefined {
  const tokens = tokenize(text);
  for (const field of fields) {
    const entries = field.notAllowed ?? [];
    const found = asOptions(entries).find((o) => matchMention(tokens, o)?.exact);
    if (found) return refusedBy(entries, found.value);
  }
  return undefined;
}

/** An option the field has but does not offer this person (a device for other roles), named in a longer text. */
export function unavailableMention(text: string, unavailable: readonly Option[], offered: readonly Option[]): Option | undefined {
  const tokens = tokenize(text);
  const best = (options: readonly Option[]) =>
    options
      .map((o) => ({ o, m: matchMention(tokens, o) }))
      .filter((x) => x.m?.exact)
      .sort((a, b) => b.m!.length - a.m!.length)[0];
  const missing = best(unavailable);
  const present = best(offered);
  return missing && (!present || missing.m!.length > present.m!.length) ? missing.o : undefined;
}

/** Why a typed answer names an option this person cannot choose. */
export function unavailableNote(option: Option, field: Field): string {
  return `${option.label} is not offered to you.${field.help ? ` ${field.help}` : ''}`;
}
