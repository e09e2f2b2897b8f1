import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/commands/command.ts';
import { parseDuration } from '../../src/commands/duration.ts';
import { COMMAND_SPECS } from '../../src/commands/grammar.ts';
import { parseCommand } from '../../src/commands/parse.ts';

const parsed = (text: string): Command => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected a command for "${text}", got ${result.error.code}`);
  return result.value;
};
const errorOf = (text: string) => {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected an error for "${text}", got ${result.value.kind}`);
  return result.error;
};

describe('the grammar, in French and English', () => {
  it.each([
    [
      'lancer Faut-il un open space ?',
      { kind: 'open', topic: 'Faut-il un open space ?', anonymous: false, hidden: false },
    ],
    ['open Open space?', { kind: 'open', topic: 'Open space?' }],
    ['start Open space?', { kind: 'open', topic: 'Open space?' }],
    [
      '/debat lancer Sujet --anonyme --masque',
      { kind: 'open', topic: 'Sujet', anonymous: true, hidden: true },
    ],
    [
      '/débat LANCER Sujet --anonymous --hidden',
      { kind: 'open', topic: 'Sujet', anonymous: true, hidden: true },
    ],
    ['lancer Sujet --duree 7j', { kind: 'open', durationMs: 7 * 86_400_000 }],
    ['lancer Sujet --duration=48h', { kind: 'open', durationMs: 48 * 3_600_000 }],
    ['lancer Sujet —durée 30min', { kind: 'open', durationMs: 30 * 60_000 }],
    ['pour Le télétravail rend heureux', { kind: 'argue', side: 'pro', text: 'Le télétravail rend heureux' }],
    ['pro Remote work makes people happy', { kind: 'argue', side: 'pro' }],
    ['for Remote work', { kind: 'argue', side: 'pro' }],
    ['contre On se voit moins', { kind: 'argue', side: 'con', text: 'On se voit moins' }],
    ['con We meet less', { kind: 'argue', side: 'con' }],
    ['against We meet less', { kind: 'argue', side: 'con' }],
    ['pour #4 Avec un débat choisi', { kind: 'argue', side: 'pro', debate: 4, text: 'Avec un débat choisi' }],
    ['voter pour', { kind: 'vote', side: 'pro' }],
    ['voter contre #2', { kind: 'vote', side: 'con', debate: 2 }],
    ['voter neutre', { kind: 'vote', side: 'neutral' }],
    ['vote for', { kind: 'vote', side: 'pro' }],
    ['vote against', { kind: 'vote', side: 'con' }],
    ['vote neutral', { kind: 'vote', side: 'neutral' }],
    ['VOTER Contre', { kind: 'vote', side: 'con' }],
    ['appuyer 3', { kind: 'endorse', argument: 3 }],
    ['appuyer n°3 #2', { kind: 'endorse', argument: 3, debate: 2 }],
    ['appuyer n° 3', { kind: 'endorse', argument: 3 }],
    ['endorse 3', { kind: 'endorse', argument: 3 }],
    ['liste', { kind: 'list' }],
    ['list', { kind: 'list' }],
    ['bilan', { kind: 'tally' }],
    ['bilan #7', { kind: 'tally', debate: 7 }],
    ['summary #7', { kind: 'tally', debate: 7 }],
    ['tally', { kind: 'tally' }],
    ['clore', { kind: 'close' }],
    ['clore #3', { kind: 'close', debate: 3 }],
    ['close 3', { kind: 'close', debate: 3 }],
    ['rouvrir #3', { kind: 'reopen', debate: 3 }],
    ['reopen', { kind: 'reopen' }],
    ['retirer 2', { kind: 'withdraw', argument: 2 }],
    ['withdraw 2', { kind: 'withdraw', argument: 2 }],
    ['delta 5', { kind: 'delta', argument: 5 }],
    ['arguments', { kind: 'arguments', page: 1 }],
    ['arguments #2 3', { kind: 'arguments', page: 3, debate: 2 }],
    ['config', { kind: 'settings' }],
    [
      'config fuseau America/Toronto',
      { kind: 'settings', change: { setting: 'timezone', zone: 'America/Toronto' } },
    ],
    [
      'settings timezone europe/paris',
      { kind: 'settings', change: { setting: 'timezone', zone: 'Europe/Paris' } },
    ],
    [
      'config bilan vendredi 16:00',
      { kind: 'settings', change: { setting: 'summary', day: 5, time: '16:00' } },
    ],
    ['settings summary fri 4pm', { kind: 'settings', change: { setting: 'summary', day: 5, time: '16:00' } }],
    ['config bilan 9h30 lundi', { kind: 'settings', change: { setting: 'summary', day: 1, time: '09:30' } }],
    ['config bilan off', { kind: 'settings', change: { setting: 'summaryOff' } }],
    ['config langue en', { kind: 'settings', change: { setting: 'language', language: 'en' } }],
    ['settings language french', { kind: 'settings', change: { setting: 'language', language: 'fr' } }],
    ['exporter', { kind: 'export', format: 'markdown' }],
    ['exporter #2 csv', { kind: 'export', format: 'csv', debate: 2 }],
    ['export md', { kind: 'export', format: 'markdown' }],
    ['oublier-moi', { kind: 'forgetMe' }],
    ['forget-me', { kind: 'forgetMe' }],
    ['aide', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['/debat', { kind: 'help' }],
  ])('reads "%s"', (text, expected) => {
    expect(parsed(text)).toMatchObject(expected);
  });

  it('reads the French keyword, the English word and every alias of each command', () => {
    const sample: Record<Command['kind'], string> = {
      open: 'Un sujet',
      argue: 'Un argument',
      vote: 'pour',
      endorse: '2',
      withdraw: '2',
      edit: '2 Un texte corrigé',
      delta: '2',
      arguments: '',
      list: '',
      tally: '',
      close: '',
      conclude: 'On essaie en janvier',
      round2: '',
      reopen: '',
      settings: '',
      export: '',
      page: '',
      forgetMe: '',
      topics: '',
      help: '',
    };
    for (const spec of COMMAND_SPECS)
      for (const word of [spec.fr, spec.en, ...spec.aliases])
        expect(parsed(`${word} ${sample[spec.kind]}`).kind, word).toBe(spec.kind);
  });

  it('answers an unknown word with help and a suggestion', () => {
    expect(parsed('lancr Un sujet')).toEqual({ kind: 'help', unknown: 'lancr', suggestion: 'lancer' });
    expect(parsed('votre pour')).toMatchObject({ kind: 'help', suggestion: 'voter' });
    expect(parsed('xyzzy')).toEqual({ kind: 'help', unknown: 'xyzzy', suggestion: undefined });
    expect(parsed('x')).toEqual({ kind: 'help', unknown: 'x', suggestion: undefined });
    expect(parsed('#')).toEqual({ kind: 'help', unknown: '#', suggestion: undefined });
  });

  it('reads "argument pour <texte>" as "pour <texte>", in both languages, and nothing else as an argument', () => {
    const argue = (side: 'pro' | 'con', text: string, debate?: number) => ({
      kind: 'argue',
      side,
      text,
      debate,
    });
    expect(parsed('argument pour Moins de trajets')).toEqual(argue('pro', 'Moins de trajets'));
    expect(parsed('Argument contre #2 Les clients attendent')).toEqual(
      argue('con', 'Les clients attendent', 2),
    );
    expect(parsed('argument against Clients expect us on Fridays')).toEqual(
      argue('con', 'Clients expect us on Fridays'),
    );
    expect(parsed('arg for Less commuting')).toEqual(argue('pro', 'Less commuting'));
    expect(errorOf('argument pour').code).toBe('parse.missing_text');
    // Not a side word: still an unknown word, with its suggestion.
    expect(parsed('argument non pertinent')).toMatchObject({ kind: 'help', unknown: 'argument' });
    expect(parsed('argument 3')).toMatchObject({ kind: 'help', suggestion: 'arguments' });
  });
});

describe('errors name what is wrong', () => {
  it.each([
    ['lancer', 'parse.missing_topic'],
    ['lancer --anonyme', 'parse.missing_topic'],
    ['lancer Sujet --duree', 'parse.missing_duration'],
    ['lancer Sujet --duree 0min', 'parse.bad_duration'],
    ['lancer Sujet --duree 400j', 'parse.bad_duration'],
    ['lancer Sujet --duree 7 jours', 'parse.bad_duration'],
    ['lancer Sujet --urgent', 'parse.unknown_flag'],
    ['pour', 'parse.missing_text'],
    ['pour    ', 'parse.missing_text'],
    ['voter', 'parse.missing_side'],
    ['voter peut-être', 'parse.bad_side'],
    ['appuyer', 'parse.missing_number'],
    ['appuyer trois', 'parse.bad_number'],
    ['appuyer 0', 'parse.bad_number'],
    ['appuyer -1', 'parse.bad_number'],
    ['clore conclusion', 'parse.missing_note'],
    ['conclure', 'parse.missing_conclusion'],
    ['conclure #2', 'parse.missing_conclusion'],
    ['sujets proposer', 'parse.missing_proposal'],
    ['sujets appuyer', 'parse.missing_topic_number'],
    ['clore #abc', 'parse.bad_debate'],
    ['clore #99999999999999999999', 'parse.bad_debate'],
    ['bilan #0', 'parse.bad_debate'],
    ['exporter pdf', 'parse.bad_format'],
    ['config couleur bleu', 'parse.bad_setting'],
    ['config fuseau Mars/Olympus', 'settings.bad_timezone'],
    ['config fuseau', 'settings.missing_timezone'],
    ['config langue', 'settings.missing_language'],
    ['config bilan funday 16:00', 'settings.bad_day'],
    ['config bilan vendredi 25:00', 'settings.bad_time'],
    ['config bilan 25:00 lundi', 'settings.bad_time'],
    ['config bilan jeudi', 'settings.missing_summary'],
    ['config bilan 16:00', 'settings.missing_summary'],
    ['config bilan', 'settings.missing_summary'],
    ['config langue klingon', 'settings.bad_language'],
  ])('"%s" → %s', (text, code) => {
    expect(errorOf(text).code).toBe(code);
  });

  it('refuses a topic over 200 characters and says how long it was', () => {
    const error = errorOf(`lancer ${'a'.repeat(201)}`);
    expect(error).toEqual({ code: 'topic.too_long', params: { max: 200, length: 201 } });
    expect(parsed(`lancer ${'é'.repeat(200)}`)).toMatchObject({ kind: 'open' });
  });

  it('refuses an argument over 1,000 characters, counting emoji as one character each', () => {
    expect(errorOf(`pour ${'b'.repeat(1001)}`)).toEqual({
      code: 'argument.too_long',
      params: { max: 1000, length: 1001 },
    });
    expect(parsed(`pour ${'😀'.repeat(1000)}`)).toMatchObject({ kind: 'argue' });
  });

  it('refuses input longer than the command limit before reading it', () => {
    expect(errorOf(`pour ${'x'.repeat(10_000)}`).code).toBe('input.too_long');
  });

  it('cleans control and invisible characters, folds whitespace and keeps emoji sequences', () => {
    expect(parsed('pour  Un\u0000 argument\u202E\t\n avec\u200B   👩‍💻 ')).toMatchObject({
      text: 'Un argument avec 👩‍💻',
    });
    expect(errorOf('pour \u200B\u200E\u0007').code).toBe('text.empty');
  });
});

describe('durations', () => {
  it.each([
    ['30min', 30 * 60_000],
    ['48h', 48 * 3_600_000],
    ['7j', 7 * 86_400_000],
    ['7d', 7 * 86_400_000],
    ['2sem', 14 * 86_400_000],
    ['2w', 14 * 86_400_000],
  ])('%s', (word, ms) => expect(parseDuration(word)).toBe(ms));
});

describe('parsing never throws', () => {
  it('returns a command or an error for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300, unit: 'binary' })),
        (text) => {
          const result = parseCommand(text);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('returns a command or an error for any sequence of grammar words', () => {
    const words = [
      'lancer',
      'pour',
      'contre',
      'voter',
      'appuyer',
      '#1',
      '#x',
      '--duree',
      '7j',
      'neutre',
      'config',
      'bilan',
      'off',
      '3',
      '--anonyme',
      'n°',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 8 }), (tokens) => {
        const result = parseCommand(tokens.join(' '));
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
