import type { Intent, Lookup, RequestType } from './schema.js';

// Words that say nothing about what is wanted.
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'i', 'im', 'me', 'my', 'we', 'our', 'you', 'your', 'it', 'its', 'is', 'are', 'be', 'am', 'was',
  'to', 'of', 'for', 'on', 'in', 'at', 'by', 'with', 'and', 'or', 'from', 'as', 'this', 'that',
  'can', 'could', 'would', 'will', 'should', 'do', 'does', 'did', 'what', 'which', 'how', 'where', 'who', 'when',
  'need', 'want', 'like', 'get', 'got', 'give', 'please', 'pls', 'plz', 'some', 'any', 'there', 'here', 'about',
  'request', 'ask', 'have', 'has', 'just', 'so', 'hi', 'hello', 'thanks', 'thank',
]);

/** Lower-cased word tokens with a light suffix stemmer ("licences" and "licence" meet). */
export function searchTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '' && !STOP_WORDS.has(t))
    .map(lightStem);
}

function lightStem(t: string): string {
  if (t.length > 4 && t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  if (t.length > 5 && t.endsWith('ing')) return t.slice(0, -3);
  if (t.length > 4 && t.endsWith('ed')) return t.slice(0, -2);
  if (t.length > 4 && /(ss|x|ch|sh)es$/.test(t)) return t.slice(0, -2);
  if (t.length > 3 && t.endsWith('s') && !t.endsWith('ss')) return t.slice(0, -1);
  return t;
}

/**
 * Keyword search over request types: title, keywords and category weigh most, then the
 * names of what can be chosen (products, systems), then the description and the intent's
 * examples. Rare words weigh more than common ones.
 */
export class CatalogSearch {
  private readonly weights: Array<{ requestType: RequestType; tokens: Map<string, number> }>;
  private readonly documentFrequency = new Map<string, number>();

  constructor(requestTypes: readonly RequestType[], intents: readonly Intent[], lookups: readonly Lookup[]) {
    this.weights = requestTypes.map((rt) => {
      const tokens = new Map<string, number>();
      const add = (text: string, weight: number) => {
        for (const t of searchTokens(text)) tokens.set(t, Math.max(tokens.get(t) ?? 0, weight));
      };
      add(rt.title, 3);
      rt.keywords.forEach((k) => add(k, 3));
      add(rt.category, 2);
      for (const field of rt.fields) {
        const options = field.options ?? lookups.find((l) => l.id === field.lookup)?.items ?? [];
        for (const o of options) {
          add(o.label, 1.5);
          o.synonyms.forEach((s) => add(s, 1.5));
        }
      }
      add(rt.description, 1);
      intents.filter((i) => i.kind === 'request' && i.requestType === rt.id).forEach((i) => i.examples.forEach((e) => add(e, 1)));
      return { requestType: rt, tokens };
    });
    for (const { tokens } of this.weights) {
      for (const t of tokens.keys()) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    }
  }

  search(text: string, limit = 5): RequestType[] {
    const query = [...new Set(searchTokens(text))];
    if (query.length === 0) return [];
    const n = this.weights.length;
    return this.weights
      .map(({ requestType, tokens }) => ({
        requestType,
        score: query.reduce((sum, t) => sum + (tokens.get(t) ?? 0) * Math.log(1 + n / (this.documentFrequency.get(t) ?? 1)), 0),
      }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.requestType.title.localeCompare(b.requestType.title))
      .slice(0, Math.max(0, limit))
      .map((s) => s.requestType);
  }
}
