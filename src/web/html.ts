// HTML helpers for the debate page: every piece of user text goes through `text` or `userText`.
import type { Language } from '../domain/types.ts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export const text = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/**
 * User text (a topic, an argument, a name): escaped, and isolated so that a right-to-left
 * override inside it cannot reorder the page around it.
 */
export const userText = (value: string): string => `<bdi>${text(value)}</bdi>`;

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

// Building a formatter costs tens of microseconds: a day-by-day table would pay it per row.
const formats = new Map<string, Intl.DateTimeFormat>();
const format = (language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${language} ${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALES[language], options);
    if (formats.size > 500) formats.clear();
    formats.set(key, found);
  }
  return found;
};

/** "24 novembre 2026 à 11:00" / "24 November 2026 at 11:00", in the channel's zone. */
export function dateTime(language: Language, zone: string, at: number): string {
  return format(language, { dateStyle: 'long', timeStyle: 'short', timeZone: zone }).format(at);
}

/** A local calendar date ("2026-11-24") in words: "24 nov. 2026" (short) or "24 novembre 2026". */
export function calendarDate(language: Language, date: string, month: 'short' | 'long' = 'long'): string {
  return format(language, { day: 'numeric', month, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** Numbers as the language writes them (1 000 / 1,000). */
const numbers: Record<Language, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat(LOCALES.fr),
  en: new Intl.NumberFormat(LOCALES.en),
};
export const number = (language: Language, value: number): string => numbers[language].format(value);

/** "42 %" in French (a narrow no-break space), "42%" in English. */
export const percent = (language: Language, value: number): string =>
  language === 'fr' ? `${value}\u202f%` : `${value}%`;
