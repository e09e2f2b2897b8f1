/** A catalog entry: plain text, or plural forms chosen by `count` (Intl.PluralRules). */
export type Message = string | { readonly one: string; readonly other: string };
