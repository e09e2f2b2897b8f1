/**
 * Application command rules Discord enforces on PUT /applications/{id}/commands
 * (platform-facts.md §2 "Slash commands"): names, lengths, option counts, localizations,
 * choices, ordering of required options and the 8000-character total per command.
 */
import type { FieldError } from './errors.ts';

export const LOCALES = new Set([
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
]);
const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_TOTAL = 8000;
const MAX_GLOBAL_CHAT_COMMANDS = 100;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkName(errors: FieldError[], path: string, name: unknown): void {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    errors.push({
      path,
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: `Command name is invalid: ${String(name)}`,
    });
  } else if (name !== name.toLowerCase()) {
    errors.push({
      path,
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: 'Command name must be lowercase.',
    });
  }
}

function checkDescription(errors: FieldError[], path: string, d: unknown): void {
  if (typeof d !== 'string' || d.length < 1 || d.length > 100) {
    errors.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
}

function checkLocalizations(
  errors: FieldError[],
  path: string,
  map: unknown,
  kind: 'name' | 'description',
): void {
  if (map === undefined || map === null) return;
  if (!isObj(map)) {
    errors.push({ path, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used.' });
    return;
  }
  for (const [locale, value] of Object.entries(map)) {
    if (!LOCALES.has(locale)) {
      errors.push({ path: `${path}.${locale}`, code: 'LOCALE_INVALID', message: `Invalid locale ${locale}` });
    } else if (kind === 'name') checkName(errors, `${path}.${locale}`, value);
    else checkDescription(errors, `${path}.${locale}`, value);
  }
}

/** The longest of the default and its localizations: what counts towards the 8000 total. */
function longest(value: unknown, localizations: unknown): number {
  let n = typeof value === 'string' ? value.length : 0;
  if (isObj(localizations)) {
    for (const v of Object.values(localizations)) if (typeof v === 'string') n = Math.max(n, v.length);
  }
  return n;
}

function checkOptions(errors: FieldError[], path: string, options: unknown, depth: number): number {
  if (options === undefined) return 0;
  if (!Array.isArray(options)) {
    errors.push({ path, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return 0;
  }
  if (options.length > MAX_OPTIONS) {
    errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  }
  let total = 0;
  let sawOptional = false;
  const names = new Set<string>();
  const kinds = new Set<'sub' | 'value'>();
  options.forEach((opt: unknown, i: number) => {
    const p = `${path}.${i}`;
    if (!isObj(opt)) return;
    checkName(errors, `${p}.name`, opt.name);
    checkDescription(errors, `${p}.description`, opt.description);
    checkLocalizations(errors, `${p}.name_localizations`, opt.name_localizations, 'name');
    checkLocalizations(
      errors,
      `${p}.description_localizations`,
      opt.description_localizations,
      'description',
    );
    if (typeof opt.name === 'string') {
      if (names.has(opt.name)) {
        errors.push({
          path: `${p}.name`,
          code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          message: 'Duplicate name',
        });
      }
      names.add(opt.name);
    }
    total +=
      longest(opt.name, opt.name_localizations) + longest(opt.description, opt.description_localizations);
    const type = opt.type;
    if (typeof type !== 'number' || type < 1 || type > 11) {
      errors.push({ path: `${p}.type`, code: 'BASE_TYPE_CHOICES', message: 'Invalid option type' });
      return;
    }
    const isSub = type === 1 || type === 2;
    kinds.add(isSub ? 'sub' : 'value');
    if (isSub) {
      if (type === 2 && depth > 0) {
        errors.push({
          path: `${p}.type`,
          code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          message: 'Groups nest once.',
        });
      }
      if (type === 1 && depth > 1) {
        errors.push({
          path: `${p}.type`,
          code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          message: 'Too deep.',
        });
      }
      total += checkOptions(errors, `${p}.options`, opt.options, depth + 1);
      return;
    }
    if (opt.required === true && sawOptional) {
      errors.push({
        path: `${p}.required`,
        code: 'APPLICATION_COMMAND_OPTION_REQUIRED_AFTER_OPTIONAL',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (opt.required !== true) sawOptional = true;
    for (const key of ['min_length', 'max_length'] as const) {
      const v = opt[key];
      if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 6000)) {
        errors.push({ path: `${p}.${key}`, code: 'NUMBER_TYPE_MAX', message: 'Must be between 0 and 6000.' });
      }
    }
    if (opt.choices !== undefined) {
      const choices = Array.isArray(opt.choices) ? opt.choices : [];
      if (choices.length > MAX_CHOICES) {
        errors.push({
          path: `${p}.choices`,
          code: 'BASE_TYPE_MAX_LENGTH',
          message: 'Must be 25 or fewer in length.',
        });
      }
      choices.forEach((c: unknown, k: number) => {
        if (!isObj(c)) return;
        const cp = `${p}.choices.${k}`;
        checkDescription(errors, `${cp}.name`, c.name);
        checkLocalizations(errors, `${cp}.name_localizations`, c.name_localizations, 'description');
        if (typeof c.value === 'string' && c.value.length > 100) {
          errors.push({
            path: `${cp}.value`,
            code: 'BASE_TYPE_MAX_LENGTH',
            message: 'Must be 100 or fewer in length.',
          });
        }
        total += longest(c.name, c.name_localizations) + String(c.value ?? '').length;
      });
    }
  });
  if (kinds.size > 1) {
    errors.push({
      path,
      code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      message: 'Sub-command and sub-command group option types are mutually exclusive to all other types',
    });
  }
  return total;
}

/** Checks one command; returns its field errors (paths relative to the command). */
export function checkCommand(cmd: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObj(cmd))
    return [{ path: '', code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used.' }];
  const type = cmd.type ?? 1;
  checkName(errors, 'name', cmd.name);
  checkLocalizations(errors, 'name_localizations', cmd.name_localizations, 'name');
  if (type === 1) {
    checkDescription(errors, 'description', cmd.description);
    checkLocalizations(errors, 'description_localizations', cmd.description_localizations, 'description');
  }
  let total =
    longest(cmd.name, cmd.name_localizations) + longest(cmd.description, cmd.description_localizations);
  total += checkOptions(errors, 'options', cmd.options, 0);
  if (total > MAX_TOTAL) {
    errors.push({
      path: '',
      code: 'APPLICATION_COMMAND_TOO_LARGE',
      message: `Command exceeds maximum size (${MAX_TOTAL})`,
    });
  }
  return errors;
}

/** Checks a bulk overwrite (PUT) body: each command, unique names per type, at most 100 chat commands. */
export function checkCommandList(body: unknown): FieldError[] {
  if (!Array.isArray(body)) return [{ path: '', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let chat = 0;
  body.forEach((cmd, i) => {
    for (const e of checkCommand(cmd)) errors.push({ ...e, path: e.path ? `${i}.${e.path}` : `${i}` });
    if (!isObj(cmd)) return;
    const key = `${String(cmd.type ?? 1)}:${String(cmd.name)}`;
    if (seen.has(key)) {
      errors.push({
        path: `${i}.name`,
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: 'Duplicate command name',
      });
    }
    seen.add(key);
    if ((cmd.type ?? 1) === 1) chat++;
  });
  if (chat > MAX_GLOBAL_CHAT_COMMANDS) {
    errors.push({ path: '', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
  }
  return errors;
}
