import type { ErrorCode, MessageParams } from '../domain/result.ts';
import type { Language } from '../domain/types.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { Message } from './message.ts';

export type MessageKey = keyof typeof fr;
export type { MessageParams };

/** Every error code has its message in every catalog: a missing one is a type error here. */
const errorMessages: Record<`error.${ErrorCode}`, Message> = fr satisfies Record<
  `error.${ErrorCode}`,
  Message
>;
void errorMessages;
/** The catalog key of an error code's message. */
export const errorKey = (code: ErrorCode): MessageKey => `error.${code}`;

const catalogs: Record<Language, Record<MessageKey, Message>> = { fr, en };
const pluralRules: Record<Language, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr'),
  en: new Intl.PluralRules('en'),
};
const numberFormats: Record<Language, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR'),
  en: new Intl.NumberFormat('en-GB'),
};

/** The message for `key` in `language`, with `{name}` placeholders filled; numbers are localized. */
export function t(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const message = catalogs[language][key];
  const template =
    typeof message === 'string'
      ? message
      : pluralRules[language].select(Number(params.count ?? 0)) === 'one'
        ? message.one
        : message.other;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    // Debate and argument numbers read better without thousands separators.
    if (typeof value === 'number' && name !== 'debate' && name !== 'number') {
      return numberFormats[language].format(value);
    }
    return String(value);
  });
}

/** A translator bound to one language, for renderers. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;
export const translator =
  (language: Language): Translate =>
  (key, params) =>
    t(language, key, params);
