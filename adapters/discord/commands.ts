import { COMMAND_SPECS, type CommandSpec, type OptionSpec } from '../../src/api.ts';
import { fr } from '../../src/i18n/fr.ts';
import { type MessageKey, t } from '../../src/i18n/translate.ts';

/**
 * The slash command, generated from the core's one grammar: French names, English through
 * name_localizations / description_localizations, typed options, choices for sides and formats.
 * A new subcommand or option in the grammar appears here without a line of Discord code.
 */
export const COMMAND_NAME = 'debat';
const ENGLISH = ['en-US', 'en-GB'] as const;
const TEXT_DEFAULT_MAX = 100;
const DURATION_MAX = 20;

const OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5 } as const;

interface Choice {
  name: string;
  name_localizations: Record<string, string>;
  value: string;
}

export interface CommandOption {
  type: number;
  name: string;
  name_localizations?: Record<string, string>;
  description: string;
  description_localizations?: Record<string, string>;
  required?: boolean;
  choices?: Choice[];
  min_value?: number;
  max_length?: number;
  options?: CommandOption[];
}

export interface CommandDefinition {
  type: 1;
  name: string;
  description: string;
  description_localizations: Record<string, string>;
  options: CommandOption[];
  /** Guild channels only (0 = guild); installed to guilds (0 = guild install). */
  contexts: number[];
  integration_types: number[];
}

const english = (value: string): Record<string, string> => Object.fromEntries(ENGLISH.map((l) => [l, value]));
const DESCRIPTION_MAX = 100;
const clip = (text: string) =>
  text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1)}…` : text;

/** Whether the catalogs have this key (a grammar entry added without its description has not). */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(fr, key);

/** The description of `key`, or of `fallback` (e.g. the help line) when the key is missing. */
const described = (key: string, fallback: MessageKey = 'command.debat') => {
  const k = hasMessage(key) ? key : fallback;
  return { description: clip(t('fr', k)), description_localizations: english(clip(t('en', k))) };
};

function choice(frKey: MessageKey, enKey: MessageKey, value: string): Choice {
  return { name: t('fr', frKey), name_localizations: english(t('en', enKey)), value };
}

function optionOf(spec: OptionSpec): CommandOption {
  const base = {
    name: spec.name,
    ...(spec.en !== spec.name ? { name_localizations: english(spec.en) } : {}),
    ...described(`option.${spec.name}`),
    ...(spec.required ? { required: true } : {}),
  };
  switch (spec.kind) {
    case 'text':
      return { ...base, type: OPTION_TYPE.string, max_length: spec.maxLength ?? TEXT_DEFAULT_MAX };
    case 'duration':
      return { ...base, type: OPTION_TYPE.string, max_length: DURATION_MAX };
    case 'side':
      return {
        ...base,
        type: OPTION_TYPE.string,
        choices: [choice('side.pro', 'side.pro', 'pour'), choice('side.con', 'side.con', 'contre')],
      };
    case 'voteSide':
      return {
        ...base,
        type: OPTION_TYPE.string,
        choices: [
          choice('side.pro', 'side.pro', 'pour'),
          choice('side.con', 'side.con', 'contre'),
          choice('side.neutral', 'side.neutral', 'neutre'),
        ],
      };
    case 'format':
      return {
        ...base,
        type: OPTION_TYPE.string,
        choices: [
          { name: 'Markdown', name_localizations: english('Markdown'), value: 'markdown' },
          { name: 'CSV', name_localizations: english('CSV'), value: 'csv' },
        ],
      };
    case 'flag':
      return { ...base, type: OPTION_TYPE.boolean };
    case 'number':
    case 'debate':
    case 'page':
      return { ...base, type: OPTION_TYPE.integer, min_value: 1 };
  }
}

function subcommandOf(spec: CommandSpec): CommandOption {
  const options = spec.options.map(optionOf);
  // Discord wants required options first; the grammar's order is kept otherwise.
  options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  return {
    type: OPTION_TYPE.subcommand,
    name: spec.id,
    ...(spec.en !== spec.id ? { name_localizations: english(spec.en) } : {}),
    ...described(`command.${spec.id}`, spec.help),
    ...(options.length ? { options } : {}),
  };
}

/** The definitions to register: one `/debat` command whose subcommands are the grammar's. */
export function commandDefinitions(specs: readonly CommandSpec[] = COMMAND_SPECS): CommandDefinition[] {
  return [
    {
      type: 1,
      name: COMMAND_NAME,
      ...described('command.debat'),
      options: specs.map(subcommandOf),
      contexts: [0],
      integration_types: [0],
    },
  ];
}
