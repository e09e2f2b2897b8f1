// The hostile input corpus (hostile-inputs.json) and what "a clear localized error" means.
import { readFileSync } from 'node:fs';
import { cleanUserText, textLength } from '../../../src/commands/user-text.ts';
import { LANGUAGES, type Language } from '../../../src/domain/types.ts';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import type { Message } from '../../../src/i18n/message.ts';
import { errorKey, type MessageKey, type MessageParams } from '../../../src/i18n/translate.ts';
import type { View } from '../../../src/views/types.ts';

interface Corpus {
  categories: Record<string, string[]>;
}

const corpus = JSON.parse(readFileSync(new URL('../hostile-inputs.json', import.meta.url), 'utf8')) as Corpus;

/** Every payload with its category. */
export const HOSTILE: { category: string; input: string }[] = Object.entries(corpus.categories).flatMap(
  ([category, inputs]) => inputs.map((input) => ({ category, input })),
);

/** Short, printable label of a payload for failure messages. */
export const label = (input: string): string => {
  const shown = JSON.stringify(input);
  return shown.length > 60 ? `${shown.slice(0, 57)}…" (${input.length} chars)` : shown;
};

const catalogs: Record<Language, Record<string, Message>> = { fr, en };

const placeholders = (message: Message): string[] =>
  (typeof message === 'string' ? [message] : [message.one, message.other]).flatMap((text) =>
    [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
  );

/**
 * Problems with a message key and its parameters: missing from a catalog, or a `{placeholder}`
 * of its text in either language that the parameters leave unfilled. Empty when it renders cleanly.
 */
export function messageProblems(key: MessageKey, params: MessageParams = {}): string[] {
  const problems: string[] = [];
  for (const language of LANGUAGES) {
    const message = catalogs[language][key];
    if (message === undefined) {
      problems.push(`${key} missing in ${language}`);
      continue;
    }
    for (const name of placeholders(message))
      if (params[name] === undefined) problems.push(`${key} (${language}) leaves {${name}} unfilled`);
  }
  return problems;
}

/** Problems with a view as a message to a person: error and notice keys checked in both catalogs. */
export function viewProblems(view: View): string[] {
  if (view.kind === 'error') {
    const problems = messageProblems(errorKey(view.error.code), view.error.params);
    if (view.error.code === 'internal') problems.push('internal error (an unexpected failure)');
    // A clear error names the offending word briefly, never echoes a huge input.
    for (const value of Object.values(view.error.params ?? {}))
      if (typeof value === 'string' && textLength(value) > 200) problems.push(`echoes ${value.length} chars`);
    return problems;
  }
  if (view.kind === 'notice') return messageProblems(view.key, view.params);
  return [];
}

/** Stored text that is valid: cleaned as the grammar cleans it, something visible, within its limit. */
export const validStoredText = (text: string, max: number): boolean =>
  cleanUserText(text) === text && /[^\p{Z}\p{C}\p{M}]/u.test(text) && textLength(text) <= max;

/** Stored topics and arguments that are not valid text, in a database of the bot. */
export function invalidStoredText(db: { prepare(sql: string): { pluck(): { all(): unknown[] } } }): string[] {
  const topics = db.prepare('SELECT topic FROM debates').pluck().all() as string[];
  const texts = db.prepare('SELECT text FROM arguments').pluck().all() as string[];
  return [
    ...topics.filter((topic) => !validStoredText(topic, 200)).map((topic) => `topic ${label(topic)}`),
    ...texts.filter((text) => !validStoredText(text, 1000)).map((text) => `argument ${label(text)}`),
  ];
}
