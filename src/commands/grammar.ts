import type { MessageKey } from '../i18n/translate.ts';
import type { CommandKind } from './command.ts';

/** How an option is typed; Discord builds typed options from this, the parser reads text. */
export type OptionKind =
  | 'text'
  | 'side'
  | 'voteSide'
  | 'number'
  | 'debate'
  | 'flag'
  | 'duration'
  | 'format'
  | 'page';

export interface OptionSpec {
  /** French name (the primary one), as typed after `--` for flags. */
  name: string;
  en: string;
  kind: OptionKind;
  required?: boolean;
  maxLength?: number;
}

export interface CommandSpec {
  /** A stable id: the Discord subcommand and the parser's entry. */
  id: string;
  kind: CommandKind;
  fr: string;
  en: string;
  /** Other accepted words, in either language. */
  aliases: readonly string[];
  options: readonly OptionSpec[];
  help: MessageKey;
}

export const TOPIC_MAX = 200;
export const ARGUMENT_MAX = 1000;
/** A closing note (`clore … conclusion`, `conclure`). */
export const NOTE_MAX = 500;
/** Longest command line read at all; longer input is refused before parsing. */
export const INPUT_MAX = 4000;

const debate: OptionSpec = { name: 'id', en: 'id', kind: 'debate' };

/** The one grammar of `/debat`: the terminal, Slack text and Discord options all come from here. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    id: 'lancer',
    kind: 'open',
    fr: 'lancer',
    en: 'open',
    aliases: ['start', 'ouvrir', 'nouveau', 'new'],
    options: [
      { name: 'sujet', en: 'topic', kind: 'text', required: true, maxLength: TOPIC_MAX },
      { name: 'anonyme', en: 'anonymous', kind: 'flag' },
      { name: 'masque', en: 'hidden', kind: 'flag' },
      { name: 'deux-tours', en: 'two-rounds', kind: 'flag' },
      { name: 'duree', en: 'duration', kind: 'duration' },
      { name: 'rappel', en: 'reminder', kind: 'duration' },
    ],
    help: 'help.open',
  },
  {
    id: 'pour',
    kind: 'argue',
    fr: 'pour',
    en: 'pro',
    aliases: ['for'],
    options: [
      { name: 'argument', en: 'argument', kind: 'text', required: true, maxLength: ARGUMENT_MAX },
      debate,
    ],
    help: 'help.pro',
  },
  {
    id: 'contre',
    kind: 'argue',
    fr: 'contre',
    en: 'con',
    aliases: ['against'],
    options: [
      { name: 'argument', en: 'argument', kind: 'text', required: true, maxLength: ARGUMENT_MAX },
      debate,
    ],
    help: 'help.con',
  },
  {
    id: 'voter',
    kind: 'vote',
    fr: 'voter',
    en: 'vote',
    aliases: [],
    options: [{ name: 'cote', en: 'side', kind: 'voteSide', required: true }, debate],
    help: 'help.vote',
  },
  {
    id: 'appuyer',
    kind: 'endorse',
    fr: 'appuyer',
    en: 'endorse',
    aliases: ['soutenir', 'upvote'],
    options: [{ name: 'numero', en: 'number', kind: 'number', required: true }, debate],
    help: 'help.endorse',
  },
  {
    id: 'arguments',
    kind: 'arguments',
    fr: 'arguments',
    en: 'arguments',
    aliases: ['args'],
    options: [debate, { name: 'page', en: 'page', kind: 'page' }],
    help: 'help.arguments',
  },
  { id: 'liste', kind: 'list', fr: 'liste', en: 'list', aliases: ['lister'], options: [], help: 'help.list' },
  {
    id: 'bilan',
    kind: 'tally',
    fr: 'bilan',
    en: 'summary',
    aliases: ['tally', 'score', 'resultats', 'results'],
    options: [debate],
    help: 'help.tally',
  },
  {
    id: 'clore',
    kind: 'close',
    fr: 'clore',
    en: 'close',
    aliases: ['fermer', 'cloturer'],
    options: [debate, { name: 'conclusion', en: 'note', kind: 'text', maxLength: NOTE_MAX }],
    help: 'help.close',
  },
  {
    id: 'conclure',
    kind: 'conclude',
    fr: 'conclure',
    en: 'conclude',
    aliases: ['conclusion'],
    options: [{ name: 'conclusion', en: 'note', kind: 'text', required: true, maxLength: NOTE_MAX }, debate],
    help: 'help.conclude',
  },
  {
    id: 'tour2',
    kind: 'round2',
    fr: 'tour2',
    en: 'round2',
    aliases: ['second-tour', 'deuxieme-tour', 'second-round'],
    options: [debate],
    help: 'help.round2',
  },
  {
    id: 'rouvrir',
    kind: 'reopen',
    fr: 'rouvrir',
    en: 'reopen',
    aliases: [],
    options: [debate],
    help: 'help.close',
  },
  {
    id: 'retirer',
    kind: 'withdraw',
    fr: 'retirer',
    en: 'withdraw',
    aliases: ['supprimer'],
    options: [{ name: 'numero', en: 'number', kind: 'number', required: true }, debate],
    help: 'help.withdraw',
  },
  {
    id: 'modifier',
    kind: 'edit',
    fr: 'modifier',
    en: 'edit',
    aliases: ['editer', 'corriger'],
    options: [
      { name: 'numero', en: 'number', kind: 'number', required: true },
      { name: 'argument', en: 'argument', kind: 'text', required: true, maxLength: ARGUMENT_MAX },
      debate,
    ],
    help: 'help.edit',
  },
  {
    id: 'delta',
    kind: 'delta',
    fr: 'delta',
    en: 'delta',
    aliases: ['∆', 'convaincu', 'persuaded'],
    options: [{ name: 'numero', en: 'number', kind: 'number', required: true }, debate],
    help: 'help.delta',
  },
  {
    id: 'config',
    kind: 'settings',
    fr: 'config',
    en: 'settings',
    aliases: ['reglages', 'parametres'],
    options: [
      { name: 'fuseau', en: 'timezone', kind: 'text' },
      { name: 'bilan', en: 'summary', kind: 'text' },
      { name: 'langue', en: 'language', kind: 'text' },
      { name: 'fil', en: 'thread', kind: 'text' },
      { name: 'lancer', en: 'open', kind: 'text' },
      { name: 'rappels', en: 'reminders', kind: 'text' },
      { name: 'relances', en: 'nudges', kind: 'text' },
      { name: 'rythme', en: 'rhythm', kind: 'text' },
    ],
    help: 'help.settings',
  },
  {
    id: 'sujets',
    kind: 'topics',
    fr: 'sujets',
    en: 'topics',
    aliases: ['topic', 'themes'],
    options: [
      { name: 'proposer', en: 'propose', kind: 'text', maxLength: TOPIC_MAX },
      { name: 'appuyer', en: 'endorse', kind: 'number' },
      { name: 'retirer', en: 'withdraw', kind: 'number' },
    ],
    help: 'help.topics',
  },
  {
    id: 'exporter',
    kind: 'export',
    fr: 'exporter',
    en: 'export',
    aliases: [],
    options: [debate, { name: 'format', en: 'format', kind: 'format' }],
    help: 'help.export',
  },
  {
    id: 'page',
    kind: 'page',
    fr: 'page',
    en: 'page',
    aliases: ['lien', 'link', 'web'],
    options: [debate, { name: 'revoquer', en: 'revoke', kind: 'flag' }],
    help: 'help.page',
  },
  {
    id: 'oublier-moi',
    kind: 'forgetMe',
    fr: 'oublier-moi',
    en: 'forget-me',
    aliases: ['oubliermoi', 'forgetme', 'oublie-moi'],
    options: [{ name: 'confirmer', en: 'confirm', kind: 'flag' }],
    help: 'help.forget',
  },
  { id: 'aide', kind: 'help', fr: 'aide', en: 'help', aliases: ['?'], options: [], help: 'help.help' },
];
