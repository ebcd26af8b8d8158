import type { Catalog } from '../catalog/catalog.js';
import type { RequestType } from '../catalog/schema.js';
import { normalise } from '../nlu/option-matching.js';

const generic = new Set(['request', 'new', 'access', 'the', 'and', 'for', 'my', 'a', 'an', 'to', 'of']);

function words(text: string): string[] {
  return normalise(text).split(' ').map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** "where is my laptop?" -> the laptop request type: title and keyword words found in the text. */
export function requestTypeHint(catalog: Catalog, text: string): RequestType | undefined {
  const said = new Set(words(text));
  const scored = catalog.requestTypes.map((requestType) => {
    const names = [requestType.title, ...requestType.keywords];
    const hits = new Set(names.flatMap(words).filter((w) => w.length >= 3 && !generic.has(w) && said.has(w)));
    return { requestType, score: hits.size };
  }).filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
  if (scored.length === 0) return undefined;
  if (scored.length > 1 && scored[1].score === scored[0].score) return undefined;
  return scored[0].requestType;
}

/** "REQ-1042", "req 1042" or "#1042" in a sentence, as the canonical "REQ-1042". */
export function requestNumberIn(text: string): string | undefined {
  const match = /\bREQ[-\s]?(\d{1,9})\b/i.exec(text) ?? /#(\d{3,9})\b/.exec(text);
  return match ? `REQ-${match[1]}` : undefined;
}
