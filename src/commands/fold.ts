/** Keywords match without accents or case: `Débat`, `debat` and `DEBAT` are one word. */
export const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
