import { hashBucket } from './hash';

export interface TextSpec {
  buckets: number;
  /** Character n-gram sizes, inclusive, within each run of letters. */
  charNgramMin: number;
  charNgramMax: number;
  /** Word n-gram sizes, inclusive. */
  wordNgramMax: number;
  /** Most distinct ids kept per lead (newest text first). */
  maxTokens: number;
}

// Scripts written without spaces: each character is treated as a word, and
// character n-grams over the run stand in for a word segmenter. This keeps
// the tokenizer free of dictionaries, so it is identical everywhere.
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const RUN = /[\p{L}\p{N}\p{M}]+/gu;

/** Normalised runs of letters and digits, in reading order. */
export function textRuns(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(RUN) ?? [];
}

/** Words: runs, with no-space scripts split into single characters. */
export function textWords(runs: string[]): string[] {
  const words: string[] = [];
  for (const run of runs) {
    let latin = '';
    for (const ch of run) {
      if (!NO_SPACE_SCRIPT.test(ch)) {
        latin += ch;
        continue;
      }
      if (latin !== '') words.push(latin);
      latin = '';
      words.push(ch);
    }
    if (latin !== '') words.push(latin);
  }
  return words;
}

/** The n-gram strings of one text, each prefixed by its kind. */
export function textGrams(text: string, spec: TextSpec): string[] {
  const runs = textRuns(text);
  const grams: string[] = [];

  for (const run of runs) {
    // Boundary marks let "car" the word differ from "car" inside "scarf".
    const chars = Array.from(`<${run}>`);
    for (let n = spec.charNgramMin; n <= spec.charNgramMax; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        grams.push(`c${n}:${chars.slice(i, i + n).join('')}`);
      }
    }
  }

  const words = textWords(runs);
  for (let n = 1; n <= spec.wordNgramMax; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      grams.push(`w${n}:${words.slice(i, i + n).join(' ')}`);
    }
  }
  return grams;
}

/**
 * Distinct hashed ids of a lead's texts, newest text first, at most
 * maxTokens of them. Ids are in [1, buckets).
 */
export function textIds(textsNewestFirst: string[], spec: TextSpec): number[] {
  const seen = new Set<number>();
  for (const text of textsNewestFirst) {
    for (const gram of textGrams(text, spec)) {
      seen.add(hashBucket(gram, spec.buckets));
      if (seen.size >= spec.maxTokens) return [...seen];
    }
  }
  return [...seen];
}
