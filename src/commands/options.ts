// Typed options (Discord's slash options, any form with named fields) → the core's Command, next
// to the text grammar that reads the same commands from a line.
import { fail, ok, type Result } from '../domain/result.ts';
import type { Command } from './command.ts';
import { parseDuration } from './duration.ts';
import { COMMAND_SPECS, type CommandSpec, type OptionKind } from './grammar.ts';
import { parseCommand, parseText, usage } from './parse.ts';
import { isOffWord, voteSideFor } from './words.ts';

/** Option values by option name, as a platform delivers them. */
export type OptionValues = Readonly<Record<string, string | number | boolean>>;

/** The subcommand named `name` (its French name, as registered), if there is one. */
export const specOfSubcommand = (name: string | undefined): CommandSpec | undefined =>
  name === undefined ? undefined : COMMAND_SPECS.find((spec) => spec.id === name);

/**
 * Typed slash-command options → the core's Command. Free text (a topic, an argument) is validated
 * as text and never re-parsed, so "#3" or "--anonyme" inside a topic stay words of the topic.
 */
export function commandFromOptions(spec: CommandSpec, values: OptionValues): Result<Command> {
  const of = (kind: OptionKind): string | number | boolean | undefined => {
    const option = spec.options.find((o) => o.kind === kind);
    return option ? values[option.name] : undefined;
  };
  const named = (name: string) => values[name];
  const int = (v: unknown): number | undefined =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
  const debate = int(of('debate'));
  const number = int(of('number'));

  switch (spec.kind) {
    case 'open': {
      const topic = parseText('topic', String(of('text') ?? ''));
      if (!topic.ok) return topic;
      const flags = spec.options.filter((o) => o.kind === 'flag').map((o) => o.name);
      const [anonymousFlag, hiddenFlag] = flags;
      const rawDuration = of('duration');
      let durationMs: number | undefined;
      if (rawDuration !== undefined && String(rawDuration).trim() !== '') {
        durationMs = parseDuration(String(rawDuration).trim());
        if (durationMs === undefined)
          return fail('parse.bad_duration', { word: String(rawDuration).slice(0, 40) });
      }
      // `rappel`: a duration before the end, or off.
      const rawReminder = named('rappel');
      let reminderMs: number | null | undefined;
      if (rawReminder !== undefined && String(rawReminder).trim() !== '') {
        const word = String(rawReminder).trim();
        reminderMs = isOffWord(word) ? null : parseDuration(word);
        if (reminderMs === undefined) return fail('parse.bad_reminder', { word: word.slice(0, 40) });
      }
      return ok({
        kind: 'open',
        topic: topic.value,
        anonymous: anonymousFlag !== undefined && named(anonymousFlag) === true,
        hidden: hiddenFlag !== undefined && named(hiddenFlag) === true,
        ...(named('deux-tours') === true ? { twoRounds: true } : {}),
        durationMs,
        reminderMs,
      });
    }
    case 'argue': {
      const text = parseText('argument', String(of('text') ?? ''));
      if (!text.ok) return text;
      return ok({ kind: 'argue', side: spec.id === 'contre' ? 'con' : 'pro', text: text.value, debate });
    }
    case 'vote': {
      const side = voteSideFor(String(of('voteSide') ?? ''));
      return side ? ok({ kind: 'vote', side, debate }) : fail('parse.missing_side');
    }
    case 'endorse':
    case 'withdraw':
    case 'delta':
      return number === undefined
        ? fail('parse.missing_number', usage(spec))
        : ok({ kind: spec.kind, argument: number, debate });
    case 'edit': {
      if (number === undefined) return fail('parse.missing_number', usage(spec));
      const text = parseText('argument', String(of('text') ?? ''));
      return text.ok ? ok({ kind: 'edit', argument: number, text: text.value, debate }) : text;
    }
    case 'arguments':
      return ok({ kind: 'arguments', page: int(of('page')) ?? 1, debate });
    case 'close': {
      const raw = named('conclusion');
      if (raw === undefined || String(raw).trim() === '') return ok({ kind: 'close', debate });
      const note = parseText('note', String(raw));
      return note.ok ? ok({ kind: 'close', debate, note: note.value }) : note;
    }
    case 'conclude': {
      const note = parseText('note', String(named('conclusion') ?? ''));
      return note.ok ? ok({ kind: 'conclude', text: note.value, debate }) : note;
    }
    case 'tally':
    case 'reopen':
    case 'round2':
      return ok({ kind: spec.kind, debate });
    case 'export':
      return ok({ kind: 'export', format: of('format') === 'csv' ? 'csv' : 'markdown', debate });
    case 'page':
      return ok({ kind: 'page', revoke: of('flag') === true, debate });
    case 'settings': {
      // Settings are words of the grammar (a zone, a day and time, a language): the parser reads them.
      const given = spec.options.find(
        (o) => typeof values[o.name] === 'string' && String(values[o.name]).trim(),
      );
      if (!given) return ok({ kind: 'settings' });
      return parseCommand(`${spec.fr} ${given.name} ${String(values[given.name]).trim()}`);
    }
    case 'topics': {
      // One of: proposer (a topic), appuyer or retirer (its number); none lists the queue.
      const proposed = named('proposer');
      if (typeof proposed === 'string' && proposed.trim() !== '') {
        const text = parseText('topic', proposed);
        return text.ok ? ok({ kind: 'topics', action: { kind: 'propose', text: text.value } }) : text;
      }
      const endorsed = int(named('appuyer'));
      if (endorsed !== undefined)
        return ok({ kind: 'topics', action: { kind: 'endorse', number: endorsed } });
      const withdrawn = int(named('retirer'));
      if (withdrawn !== undefined)
        return ok({ kind: 'topics', action: { kind: 'withdraw', number: withdrawn } });
      return ok({ kind: 'topics', action: { kind: 'list' } });
    }
    case 'list':
      return ok({ kind: 'list' });
    case 'forgetMe':
      return ok({ kind: 'forgetMe', confirmed: named('confirmer') === true });
    case 'help':
      return ok({ kind: 'help' });
  }
}
