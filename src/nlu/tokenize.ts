import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';
import porterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const tokenizer = new AggressiveTokenizer();

/**
 * Lower-cased word tokens. Apostrophes are dropped ("what's" -> "whats") and stop words
 * are kept: in short requests "what", "my" and "can" carry much of the intent.
 */
export function tokenize(text: string): string[] {
  const normalised = text.toLowerCase().replace(/['\u2019]/g, '');
  return tokenizer.tokenize(normalised).flatMap((token) => token.split(/[-/]+/)).filter((t) => t !== '');
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

export function stem(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = porterStemmer.stem(token);
    if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(token, stemmed);
  }
  return stemmed;
}
