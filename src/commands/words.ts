import type { Openers } from '../domain/records.ts';
import type { Language, VoteSide } from '../domain/types.ts';
import { fold } from './fold.ts';
import { COMMAND_SPECS, type CommandSpec } from './grammar.ts';

const byWord = new Map<string, CommandSpec>();
for (const spec of COMMAND_SPECS) {
  for (const word of [spec.fr, spec.en, ...spec.aliases]) byWord.set(fold(word), spec);
}

/** Every keyword people may type, for "did you mean". */
export const KEYWORDS: readonly string[] = [...byWord.keys()];

export const commandSpecFor = (word: string): CommandSpec | undefined => byWord.get(fold(word));

/** A word's meaning in a table: only the table's own words ("constructor" or "__proto__" mean nothing). */
const lookup = <T>(table: Record<string, T>, word: string): T | undefined => {
  const key = fold(word);
  return Object.hasOwn(table, key) ? table[key] : undefined;
};

const VOTE_SIDE_WORDS: Record<string, VoteSide> = {
  pour: 'pro',
  pro: 'pro',
  for: 'pro',
  oui: 'pro',
  yes: 'pro',
  '+': 'pro',
  contre: 'con',
  con: 'con',
  against: 'con',
  non: 'con',
  no: 'con',
  '-': 'con',
  neutre: 'neutral',
  neutral: 'neutral',
  abstention: 'neutral',
  '=': 'neutral',
};
export const voteSideFor = (word: string): VoteSide | undefined => lookup(VOTE_SIDE_WORDS, word);

/** "argument" before a side (`argument pour <texte>`): no command of its own, the side's. */
const ARGUMENT_WORDS = new Set(['argument', 'arg']);
export const isArgumentWord = (word: string): boolean => ARGUMENT_WORDS.has(fold(word));

const LANGUAGE_WORDS: Record<string, Language> = {
  fr: 'fr',
  francais: 'fr',
  french: 'fr',
  en: 'en',
  anglais: 'en',
  english: 'en',
};
export const languageFor = (word: string): Language | undefined => lookup(LANGUAGE_WORDS, word);

type FlagWord = 'anonymous' | 'hidden' | 'twoRounds' | 'duration' | 'reminder';

const FLAG_WORDS: Record<string, FlagWord> = {
  anonyme: 'anonymous',
  anonymous: 'anonymous',
  anon: 'anonymous',
  masque: 'hidden',
  hidden: 'hidden',
  cache: 'hidden',
  'deux-tours': 'twoRounds',
  deuxtours: 'twoRounds',
  '2-tours': 'twoRounds',
  'two-rounds': 'twoRounds',
  tworounds: 'twoRounds',
  '2-rounds': 'twoRounds',
  duree: 'duration',
  duration: 'duration',
  rappel: 'reminder',
  reminder: 'reminder',
  remind: 'reminder',
};
export const flagFor = (word: string): FlagWord | undefined => lookup(FLAG_WORDS, word);

type SettingWord =
  | 'timezone'
  | 'summary'
  | 'language'
  | 'threads'
  | 'openers'
  | 'reminders'
  | 'nudges'
  | 'rhythm';

const SETTING_WORDS: Record<string, SettingWord> = {
  fuseau: 'timezone',
  'fuseau-horaire': 'timezone',
  timezone: 'timezone',
  tz: 'timezone',
  zone: 'timezone',
  bilan: 'summary',
  summary: 'summary',
  langue: 'language',
  language: 'language',
  lang: 'language',
  fil: 'threads',
  fils: 'threads',
  thread: 'threads',
  threads: 'threads',
  lancer: 'openers',
  open: 'openers',
  ouverture: 'openers',
  rappel: 'reminders',
  rappels: 'reminders',
  reminder: 'reminders',
  reminders: 'reminders',
  relance: 'nudges',
  relances: 'nudges',
  nudge: 'nudges',
  nudges: 'nudges',
  rythme: 'rhythm',
  rhythm: 'rhythm',
  cadence: 'rhythm',
};
export const settingFor = (word: string): SettingWord | undefined => lookup(SETTING_WORDS, word);

/** `config lancer tous|admins`: who may open debates in the channel. */
const OPENERS_WORDS: Record<string, Openers> = {
  tous: 'everyone',
  tout: 'everyone',
  'tout-le-monde': 'everyone',
  everyone: 'everyone',
  all: 'everyone',
  anyone: 'everyone',
  admins: 'admins',
  admin: 'admins',
  administrateurs: 'admins',
  administrators: 'admins',
};
export const openersFor = (word: string): Openers | undefined => lookup(OPENERS_WORDS, word);

const ON_WORDS = new Set(['on', 'oui', 'yes', 'active', 'activer', 'enable', 'enabled']);
export const isOnWord = (word: string): boolean => ON_WORDS.has(fold(word));

const OFF_WORDS = new Set([
  'off',
  'non',
  'aucun',
  'none',
  'desactive',
  'disable',
  'disabled',
  'jamais',
  'never',
]);
export const isOffWord = (word: string): boolean => OFF_WORDS.has(fold(word));

/** `page revoquer`, `page revoke` (a leading `--` is accepted too). */
export const isRevokeWord = (word: string): boolean =>
  ['revoquer', 'revoke', 'revoquer-liens'].includes(fold(word).replace(/^--/, ''));

/** `oublier-moi confirmer`, `forget-me confirm` (a leading `--` is accepted too). */
export const isConfirmWord = (word: string): boolean =>
  ['confirmer', 'confirm', 'confirme'].includes(fold(word).replace(/^--/, ''));

/** `sujets proposer|appuyer|retirer`, `topics propose|endorse|withdraw` (a leading `--` too). */
const TOPIC_ACTION_WORDS: Record<string, 'propose' | 'endorse' | 'withdraw'> = {
  proposer: 'propose',
  propose: 'propose',
  ajouter: 'propose',
  add: 'propose',
  appuyer: 'endorse',
  soutenir: 'endorse',
  endorse: 'endorse',
  support: 'endorse',
  upvote: 'endorse',
  retirer: 'withdraw',
  enlever: 'withdraw',
  supprimer: 'withdraw',
  withdraw: 'withdraw',
  remove: 'withdraw',
};
export const topicActionFor = (word: string): 'propose' | 'endorse' | 'withdraw' | undefined =>
  lookup(TOPIC_ACTION_WORDS, word.replace(/^--/, ''));

/** `clore [#id] conclusion <texte>`, `close [#id] note <text>` (a leading `--` is accepted too). */
export const isNoteWord = (word: string): boolean =>
  ['conclusion', 'note', 'conclure', 'conclude'].includes(fold(word).replace(/^--/, ''));
