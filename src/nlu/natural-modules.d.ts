// Type declarations for the natural submodules we import directly. Importing the
// package root would load every natural feature (and dotenv), so we import only these.

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porterStemmer: { stem(token: string): string };
  export default porterStemmer;
}

declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer.js' {
  export default class AggressiveTokenizer {
    tokenize(text: string): string[];
  }
}

declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  export default function jaroWinklerDistance(
    s1: string,
    s2: string,
    options?: { ignoreCase?: boolean },
  ): number;
}

declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distances: {
    DamerauLevenshteinDistance(
      source: string,
      target: string,
      options?: { restricted?: boolean },
    ): number;
  };
  export default distances;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
