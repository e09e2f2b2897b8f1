/** Damerau-Levenshtein distance (optimal string alignment), enough for typos in short keywords. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** No keyword is longer than this: a longer word is no typo of one, and costs no comparison. */
export const SUGGEST_MAX_LENGTH = 24;

/**
 * The closest known word within a distance that grows with the word's length, if any. Only words
 * of a plausible length are compared, and only with keywords of about their length: the work is
 * bounded whatever was typed.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // One character (`x`, `#`) is one edit from the one-character keywords (`?`, `∆`): no guess.
  if (word.length > SUGGEST_MAX_LENGTH || [...word].length < 2) return undefined;
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    // The distance is at least the difference of the lengths.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
