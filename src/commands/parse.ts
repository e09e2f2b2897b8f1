import { fail, ok, type Result } from '../domain/result.ts';
import type { Command, ExportFormat } from './command.ts';
import { parseDuration } from './duration.ts';
import { fold } from './fold.ts';
import { type CommandSpec, INPUT_MAX } from './grammar.ts';
import { closest } from './suggest.ts';
import { argumentTextSchema, cleanUserText, noteSchema, topicSchema, withoutControls } from './user-text.ts';
import { canonicalTimeZone, parseTimeOfDay, parseWeekday } from './weekly-time.ts';
import {
  commandSpecFor,
  flagFor,
  isArgumentWord,
  isConfirmWord,
  isNoteWord,
  isOffWord,
  isOnWord,
  isRevokeWord,
  KEYWORDS,
  languageFor,
  openersFor,
  settingFor,
  topicActionFor,
  voteSideFor,
} from './words.ts';

const MAX_ID = 1_000_000_000;
const PREFIX = /^\s*\/?d[eé]bat(?=\s|$)/iu;
const DASHES = /^(?:--|—|–)(?=\S)/u;

/** Reads one `/debat …` line (with or without the `/debat` prefix) into a command or an error. */
export function parseCommand(input: string): Result<Command> {
  if (input.length > INPUT_MAX) return fail('input.too_long', { max: INPUT_MAX });
  const tokens = withoutControls(input).replace(PREFIX, '').trim().split(/\s+/u).filter(Boolean);
  const [head, ...rest] = tokens;
  if (head === undefined) return ok({ kind: 'help' });
  const spec = commandSpecFor(head);
  if (!spec) {
    // "argument pour <texte>" is how many first say "pour <texte>".
    const argue = rest[0] === undefined ? undefined : commandSpecFor(rest[0]);
    if (isArgumentWord(head) && argue?.kind === 'argue')
      return parseArgue(argue.id === 'pour' ? 'pro' : 'con', usage(argue), rest.slice(1));
    return ok({ kind: 'help', unknown: clip(head), suggestion: closest(fold(head), KEYWORDS) });
  }

  switch (spec.kind) {
    case 'open':
      return parseOpen(rest);
    case 'argue':
      return parseArgue(spec.id === 'pour' ? 'pro' : 'con', usage(spec), rest);
    case 'vote':
      return parseVote(rest);
    case 'endorse':
    case 'withdraw':
    case 'delta':
      return parseNumbered(spec.kind, usage(spec), rest);
    case 'edit':
      return parseEdit(usage(spec), rest);
    case 'arguments':
      return parseArgumentsPage(rest);
    case 'close':
      return parseClose(rest);
    case 'conclude':
      return parseConclude(rest);
    case 'tally':
    case 'reopen':
    case 'round2':
      return withDebateOnly(rest, (debate) => ({ kind: spec.kind, debate }) as Command);
    case 'settings':
      return parseSettings(rest);
    case 'export':
      return parseExport(rest);
    case 'page':
      return parsePage(rest);
    case 'topics':
      return parseTopics(usage(spec), rest);
    case 'list':
      return ok({ kind: 'list' });
    case 'forgetMe':
      // Erasing reaches every channel and cannot be undone: only the word itself confirms.
      return ok({ kind: 'forgetMe', confirmed: rest.length === 1 && isConfirmWord(rest[0]!) });
    case 'help':
      return ok({ kind: 'help' });
  }
}

/** The command's word in each language, for the usage line of an error. */
type Usage = { command: string; commandEn: string };
export const usage = (spec: CommandSpec): Usage => ({ command: spec.fr, commandEn: spec.en });

/** Words echoed back in errors are kept short: a 10,000-character word is not worth repeating. */
// A word quoted back to the person: cleaned like stored text (no escape sequence reaches a terminal).
const clip = (raw: string): string => {
  const word = cleanUserText(raw);
  return word.length > 40 ? `${[...word].slice(0, 40).join('')}…` : word;
};

function debateId(token: string): Result<number> | undefined {
  const match = /^#(\S*)$/u.exec(token);
  if (!match) return undefined;
  const id = /^\d{1,10}$/.test(match[1]!) ? Number(match[1]) : Number.NaN;
  return id >= 1 && id <= MAX_ID ? ok(id) : fail('parse.bad_debate', { word: clip(token) });
}

function positiveNumber(token: string): number | undefined {
  const digits = fold(token).replace(/^(?:n°|no|n|°)/u, '');
  if (!/^\d{1,10}$/.test(digits)) return undefined;
  const value = Number(digits);
  return value >= 1 && value <= MAX_ID ? value : undefined;
}

const TEXT_SCHEMAS = { topic: topicSchema, argument: argumentTextSchema, note: noteSchema };

/** Validates a topic, an argument or a closing note typed outside the grammar (a form, typed options). */
export function parseText(kind: 'topic' | 'argument' | 'note', raw: string): Result<string> {
  const parsed = TEXT_SCHEMAS[kind].safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const code =
    issue?.message === 'topic.too_long' ||
    issue?.message === 'argument.too_long' ||
    issue?.message === 'note.too_long'
      ? issue.message
      : 'text.empty';
  const params = issue && 'params' in issue ? (issue.params as Record<string, number>) : undefined;
  return fail(code, params);
}

function parseOpen(rest: string[]): Result<Command> {
  let anonymous = false;
  let hidden = false;
  let twoRounds = false;
  let durationMs: number | undefined;
  let reminderMs: number | null | undefined;
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (!DASHES.test(token)) {
      words.push(token);
      continue;
    }
    const [name = '', inlineValue] = token.replace(DASHES, '').split('=', 2);
    const flag = flagFor(name);
    if (flag === 'anonymous') anonymous = true;
    else if (flag === 'hidden') hidden = true;
    else if (flag === 'twoRounds') twoRounds = true;
    else if (flag === 'duration') {
      const value = inlineValue ?? rest[++i];
      const ms = value === undefined ? undefined : parseDuration(value);
      if (value === undefined) return fail('parse.missing_duration');
      if (ms === undefined) return fail('parse.bad_duration', { word: clip(value) });
      durationMs = ms;
    } else if (flag === 'reminder') {
      const value = inlineValue ?? rest[++i];
      if (value === undefined) return fail('parse.missing_reminder');
      const ms = isOffWord(value) ? null : parseDuration(value);
      if (ms === undefined) return fail('parse.bad_reminder', { word: clip(value) });
      reminderMs = ms;
    } else return fail('parse.unknown_flag', { word: clip(token) });
  }
  if (words.length === 0) return fail('parse.missing_topic');
  const topic = parseText('topic', words.join(' '));
  if (!topic.ok) return topic;
  return ok({
    kind: 'open',
    topic: topic.value,
    anonymous,
    hidden,
    durationMs,
    reminderMs,
    ...(twoRounds ? { twoRounds } : {}),
  });
}

function parseArgue(side: 'pro' | 'con', command: Usage, rest: string[]): Result<Command> {
  let debate: number | undefined;
  const first = rest[0] === undefined ? undefined : debateId(rest[0]);
  if (first) {
    if (!first.ok) return first;
    debate = first.value;
    rest = rest.slice(1);
  }
  if (rest.length === 0) return fail('parse.missing_text', command);
  const text = parseText('argument', rest.join(' '));
  if (!text.ok) return text;
  return ok({ kind: 'argue', side, text: text.value, debate });
}

/** Splits out one optional `#id` among the tokens. */
function takeDebate(rest: string[]): Result<{ debate: number | undefined; others: string[] }> {
  let debate: number | undefined;
  const others: string[] = [];
  for (const token of rest) {
    const id = debateId(token);
    if (id === undefined) others.push(token);
    else if (!id.ok) return id;
    else debate = id.value;
  }
  return ok({ debate, others });
}

function parseVote(rest: string[]): Result<Command> {
  const taken = takeDebate(rest);
  if (!taken.ok) return taken;
  const [word] = taken.value.others;
  if (word === undefined) return fail('parse.missing_side');
  const side = voteSideFor(word);
  if (!side) return fail('parse.bad_side', { word: clip(word) });
  return ok({ kind: 'vote', side, debate: taken.value.debate });
}

function parseNumbered(
  kind: 'endorse' | 'withdraw' | 'delta',
  command: Usage,
  rest: string[],
): Result<Command> {
  const taken = takeDebate(rest);
  if (!taken.ok) return taken;
  const others = taken.value.others.filter((token) => !/^n°$|^no$/iu.test(token));
  if (others.length === 0) return fail('parse.missing_number', command);
  const argument = positiveNumber(others[0]!);
  if (argument === undefined) return fail('parse.bad_number', { word: clip(others[0]!) });
  return ok({ kind, argument, debate: taken.value.debate });
}

/** `modifier [#id] <n°> [#id] <texte>`: a `#3` later in the text stays a word of the text. */
function parseEdit(command: Usage, rest: string[]): Result<Command> {
  let debate: number | undefined;
  let i = 0;
  const takeId = () => {
    const id = rest[i] === undefined || debate !== undefined ? undefined : debateId(rest[i]!);
    if (id?.ok) {
      debate = id.value;
      i++;
    }
    return id;
  };
  const first = takeId();
  if (first && !first.ok) return first;
  if (rest[i] !== undefined && /^n°$|^no$/iu.test(rest[i]!)) i++;
  const word = rest[i];
  if (word === undefined) return fail('parse.missing_number', command);
  const argument = positiveNumber(word);
  if (argument === undefined) return fail('parse.bad_number', { word: clip(word) });
  i++;
  const second = takeId();
  if (second && !second.ok) return second;
  if (i >= rest.length)
    return fail('parse.missing_text', {
      command: `${command.command} ${argument}`,
      commandEn: `${command.commandEn} ${argument}`,
    });
  const text = parseText('argument', rest.slice(i).join(' '));
  if (!text.ok) return text;
  return ok({ kind: 'edit', argument, text: text.value, debate });
}

function parseArgumentsPage(rest: string[]): Result<Command> {
  const taken = takeDebate(rest);
  if (!taken.ok) return taken;
  const [pageWord] = taken.value.others;
  const page = pageWord === undefined ? 1 : positiveNumber(pageWord);
  if (page === undefined) return fail('parse.bad_page', { word: clip(pageWord ?? '') });
  return ok({ kind: 'arguments', page, debate: taken.value.debate });
}

/** `clore`, `rouvrir`, `bilan`: an optional `#id` (a bare number is read as one too). */
function withDebateOnly(rest: string[], build: (debate: number | undefined) => Command): Result<Command> {
  const taken = takeDebate(rest);
  if (!taken.ok) return taken;
  let debate = taken.value.debate;
  const [other] = taken.value.others;
  if (other !== undefined) {
    const bare = positiveNumber(other);
    if (bare === undefined || debate !== undefined) return fail('parse.bad_debate', { word: clip(other) });
    debate = bare;
  }
  return ok(build(debate));
}

/** `clore [#id] [conclusion <texte>]`: everything after the word is the note (a `#3` in it stays text). */
function parseClose(rest: string[]): Result<Command> {
  const at = rest.findIndex(isNoteWord);
  const before = at === -1 ? rest : rest.slice(0, at);
  const closing = withDebateOnly(before, (debate) => ({ kind: 'close', debate }) as Command);
  if (!closing.ok || at === -1) return closing;
  const words = rest.slice(at + 1);
  if (words.length === 0) return fail('parse.missing_note');
  const note = parseText('note', words.join(' '));
  return note.ok ? ok({ ...closing.value, note: note.value } as Command) : note;
}

/** `conclure [#id] <texte>`: a `#3` later in the text stays a word of the text. */
function parseConclude(rest: string[]): Result<Command> {
  let debate: number | undefined;
  const first = rest[0] === undefined ? undefined : debateId(rest[0]);
  if (first) {
    if (!first.ok) return first;
    debate = first.value;
    rest = rest.slice(1);
  }
  if (rest.length === 0) return fail('parse.missing_conclusion');
  const note = parseText('note', rest.join(' '));
  return note.ok ? ok({ kind: 'conclude', text: note.value, debate }) : note;
}

function parseExport(rest: string[]): Result<Command> {
  const taken = takeDebate(rest);
  if (!taken.ok) return taken;
  let format: ExportFormat = 'markdown';
  for (const token of taken.value.others) {
    const word = fold(token).replace(DASHES, '');
    if (word === 'csv') format = 'csv';
    else if (word === 'markdown' || word === 'md') format = 'markdown';
    else return fail('parse.bad_format', { word: clip(token) });
  }
  return ok({ kind: 'export', format, debate: taken.value.debate });
}

/** `page [#id] [revoquer]`: a bare number is read as the debate's, as for `bilan`. */
function parsePage(rest: string[]): Result<Command> {
  const revoke = rest.some(isRevokeWord);
  return withDebateOnly(
    rest.filter((token) => !isRevokeWord(token)),
    (debate) => ({ kind: 'page', revoke, debate }),
  );
}

/** `sujets`, `sujets proposer <sujet>`, `sujets appuyer <n°>`, `sujets retirer <n°>`. */
function parseTopics(command: Usage, rest: string[]): Result<Command> {
  const [word, ...values] = rest;
  if (word === undefined) return ok({ kind: 'topics', action: { kind: 'list' } });
  const action = topicActionFor(word);
  if (action === undefined) return fail('parse.bad_topic_action', { word: clip(word) });
  if (action === 'propose') {
    if (values.length === 0) return fail('parse.missing_proposal');
    const text = parseText('topic', values.join(' '));
    return text.ok ? ok({ kind: 'topics', action: { kind: 'propose', text: text.value } }) : text;
  }
  const numberWord = values.filter((token) => !/^n°$|^no$/iu.test(token))[0];
  if (numberWord === undefined)
    return fail('parse.missing_topic_number', {
      command: `${command.command} ${fold(word)}`,
      commandEn: `${command.commandEn} ${action}`,
    });
  const number = positiveNumber(numberWord);
  if (number === undefined) return fail('parse.bad_number', { word: clip(numberWord) });
  return ok({ kind: 'topics', action: { kind: action, number } });
}

/** `config rythme lundi 9h [--duree 5j]`, or `config rythme off`. */
function parseRhythm(values: string[]): Result<Command> {
  if (values.length === 1 && isOffWord(values[0]!))
    return ok({ kind: 'settings', change: { setting: 'rhythmOff' } });
  let day: number | undefined;
  let time: string | undefined;
  let durationMs = DEFAULT_RHYTHM_DURATION_MS;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (DASHES.test(value)) {
      const [name = '', inline] = value.replace(DASHES, '').split('=', 2);
      if (flagFor(name) !== 'duration') return fail('parse.unknown_flag', { word: clip(value) });
      const raw = inline ?? values[++i];
      if (raw === undefined) return fail('parse.missing_duration');
      const ms = parseDuration(raw);
      if (ms === undefined) return fail('parse.bad_duration', { word: clip(raw) });
      durationMs = ms;
      continue;
    }
    const asDay = parseWeekday(value);
    if (asDay !== undefined && day === undefined) {
      day = asDay;
      continue;
    }
    const asTime = parseTimeOfDay(value);
    if (asTime === undefined || time !== undefined)
      return fail(day !== undefined || /^\d/u.test(value) ? 'settings.bad_time' : 'settings.bad_day', {
        word: clip(value),
      });
    time = asTime;
  }
  if (day === undefined || time === undefined) return fail('settings.missing_rhythm');
  // `since` is stamped by the core when it saves the setting.
  return ok({ kind: 'settings', change: { setting: 'rhythm', day, time, durationMs, since: 0 } });
}

/** A weekly debate lasts five days unless `--duree` says otherwise. */
export const DEFAULT_RHYTHM_DURATION_MS = 5 * 24 * 60 * 60 * 1000;

function parseSettings(rest: string[]): Result<Command> {
  const [settingWord, ...values] = rest;
  if (settingWord === undefined) return ok({ kind: 'settings' });
  const setting = settingFor(settingWord);
  if (!setting) return fail('parse.bad_setting', { word: clip(settingWord) });
  if (setting === 'timezone') {
    const zone = values[0] === undefined ? undefined : canonicalTimeZone(values[0]);
    if (values[0] === undefined) return fail('settings.missing_timezone');
    if (zone === undefined) return fail('settings.bad_timezone', { word: clip(values[0]) });
    return ok({ kind: 'settings', change: { setting: 'timezone', zone } });
  }
  if (setting === 'language') {
    const language = values[0] === undefined ? undefined : languageFor(values[0]);
    if (values[0] === undefined) return fail('settings.missing_language');
    if (language === undefined) return fail('settings.bad_language', { word: clip(values[0]) });
    return ok({ kind: 'settings', change: { setting: 'language', language } });
  }
  if (setting === 'threads' || setting === 'reminders' || setting === 'nudges') {
    const word = values[0] ?? '';
    if (values.length !== 1 || (!isOnWord(word) && !isOffWord(word)))
      return fail('settings.bad_switch', { word: clip(values.join(' ')) });
    return ok({ kind: 'settings', change: { setting, enabled: isOnWord(word) } });
  }
  if (setting === 'rhythm') return parseRhythm(values);
  if (setting === 'openers') {
    const openers = values.length === 1 ? openersFor(values[0]!) : undefined;
    if (openers === undefined) return fail('settings.bad_openers', { word: clip(values.join(' ')) });
    return ok({ kind: 'settings', change: { setting: 'openers', openers } });
  }
  if (values.length === 1 && isOffWord(values[0]!))
    return ok({ kind: 'settings', change: { setting: 'summaryOff' } });
  // Day and time in either order: `vendredi 16:00`, `16h vendredi`.
  let day: number | undefined;
  let time: string | undefined;
  for (const value of values) {
    const asDay = parseWeekday(value);
    if (asDay !== undefined && day === undefined) day = asDay;
    else {
      const asTime = parseTimeOfDay(value);
      if (asTime === undefined || time !== undefined) {
        // A word starting with a digit was meant as a time (`25:00`); another word as a day.
        const meantTime = day !== undefined || /^\d/u.test(value);
        return fail(meantTime ? 'settings.bad_time' : 'settings.bad_day', { word: clip(value) });
      }
      time = asTime;
    }
  }
  // A missing day or time: say what a full setting looks like, not "unknown day: « 16:00 »".
  if (day === undefined || time === undefined) return fail('settings.missing_summary');
  return ok({ kind: 'settings', change: { setting: 'summary', day, time } });
}
