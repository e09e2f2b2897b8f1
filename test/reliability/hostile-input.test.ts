import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/terminal/render.ts';
import { cleanUserText } from '../../src/commands/user-text.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import type { Logger } from '../../src/domain/logger.ts';
import { type Invocation, LANGUAGES, type Language } from '../../src/domain/types.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import type { View } from '../../src/views/types.ts';
import { DEFAULTS, type TestBed, testEngine } from '../helpers/engine.ts';
import { figure } from './support/figures.ts';
import { HOSTILE, label, validStoredText, viewProblems } from './support/hostile.ts';

type Kind = View['kind'];
const ANY: readonly Kind[] = [];

/** Each payload is sent alone and inside each of these lines, with the view kinds a success may have. */
const TEMPLATES: [template: string, success: readonly Kind[], admin?: boolean][] = [
  ['{x}', ANY],
  ['{x} pour', ANY],
  ['lancer {x}', ['scoreboard']],
  ['lancer Sujet {x}', ['scoreboard']],
  ['lancer Sujet --duree {x}', ['scoreboard']],
  ['lancer Sujet --{x}', ['scoreboard']],
  ['pour {x}', ['argumentAdded']],
  ['contre {x}', ['argumentAdded']],
  ['voter {x}', ['notice']],
  ['voter pour {x}', ['notice']],
  ['appuyer {x}', ['notice']],
  ['retirer {x}', ['notice']],
  ['delta {x}', ['notice']],
  ['arguments {x}', ['arguments']],
  ['bilan {x}', ['scoreboard', 'weeklySummary', 'notice']],
  ['clore {x}', ['scoreboard']],
  ['clore conclusion {x}', ['scoreboard']],
  ['conclure {x}', ['notice']],
  ['tour2 {x}', ['scoreboard']],
  ['lancer Sujet --deux-tours --duree {x}', ['scoreboard']],
  ['rouvrir {x}', ['notice']],
  ['exporter {x}', ['export']],
  ['liste {x}', ['debateList']],
  ['aide {x}', ['help']],
  ['config {x}', ['settings'], true],
  ['config fuseau {x}', ['settings'], true],
  ['config bilan {x}', ['settings'], true],
  ['config bilan {x} 16:00', ['settings'], true],
  ['config langue {x}', ['settings'], true],
];

// What the person meant when the payload is all the text: no flag, no #id, no prefix to read.
const plainText = (input: string) => !/(^|\s)[-—–#/]/u.test(input);

let bed: TestBed;
const logged: string[] = [];
const recorder: Logger = {
  debug() {},
  info() {},
  warn: (_context, message) => void logged.push(`warn ${message}`),
  error: (_context, message) => void logged.push(`error ${message}`),
};

beforeAll(async () => {
  bed = await testEngine();
  // The same database, with an engine whose logger records warnings and errors.
  bed.engine = await DebateEngine.create({
    store: bed.store,
    clock: new ManualClock(new Date('2026-11-24T10:00:00Z')),
    logger: recorder,
    defaults: DEFAULTS,
  });
});
afterAll(() => bed.cleanup());

// Each payload in a channel of its own: what is tested is the text, not the limits on volume
// (test/engine/limits.test.ts), which one attacker in one channel would reach.
const who = (admin: boolean, locale: Language, channel = 0): Invocation => ({
  platform: 'slack',
  workspaceId: 'T0HOSTILE',
  channelId: `C0HOSTILE${channel}`,
  user: admin
    ? { id: 'U0ADMIN', name: 'admin', isAdmin: true }
    : { id: 'U0ATTACK', name: 'attaquant', isAdmin: false },
  locale,
});

const changes = (): number => (bed.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('the hostile input corpus through the grammar and the engine', () => {
  it('holds at least 200 inputs', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every input with a clear localized error or a correct result, and stores nothing invalid', async () => {
    const problems: string[] = [];
    let tried = 0;
    let errors = 0;
    let opened = 0;
    let argued = 0;
    for (const [index, { input }] of HOSTILE.entries()) {
      for (const [template, success, admin] of TEMPLATES) {
        const line = template.replace('{x}', () => input);
        const locale = LANGUAGES[(index + tried) % 2]!;
        const before = changes();
        const outcome = await bed.engine.run(who(admin ?? false, locale, index), line);
        tried++;
        const where = `${template} with ${label(input)}`;
        const first = outcome.replies[0]?.view;
        if (!first) {
          problems.push(`${where}: no reply`);
          continue;
        }
        for (const reply of outcome.replies) {
          for (const problem of viewProblems(reply.view)) problems.push(`${where}: ${problem}`);
          // Every reply renders in both languages.
          for (const language of LANGUAGES)
            if (renderReply({ ...reply, language }, { color: false, timezone: 'UTC' }).trim() === '')
              problems.push(`${where}: renders empty in ${language}`);
        }
        if (first.kind === 'error' || first.kind === 'help') {
          if (first.kind === 'error') errors++;
          // A refusal writes nothing at all.
          if (changes() !== before)
            problems.push(`${where}: refused (${first.kind}) but wrote to the database`);
          continue;
        }
        if (success.length > 0 && !success.includes(first.kind))
          problems.push(`${where}: answered ${first.kind}, expected ${success.join('|')}`);
        if (template === 'lancer {x}' && first.kind === 'scoreboard') {
          opened++;
          if (plainText(input) && first.debate.topic !== cleanUserText(input))
            problems.push(`${where}: topic stored as ${label(first.debate.topic)}`);
        }
        if (template === 'pour {x}' && first.kind === 'argumentAdded') {
          argued++;
          if (plainText(input) && first.argument.text !== cleanUserText(input))
            problems.push(`${where}: argument stored as ${label(first.argument.text)}`);
        }
      }
    }
    figure('hostile input, engine', {
      payloads: HOSTILE.length,
      linesTried: tried,
      errors,
      opened,
      argued,
      problems: problems.length,
      internalErrorsLogged: logged.length,
    });
    expect(problems).toEqual([]);
    expect(logged).toEqual([]);
    expect(opened).toBeGreaterThan(50);
    expect(argued).toBeGreaterThan(50);
    // About 8,000 lines through the engine: a busy 2-core machine needs more than the default 30 s.
  }, 120_000);

  it('leaves only valid rows in the database', () => {
    const { db } = bed;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const topics = db.prepare('SELECT topic FROM debates').pluck().all() as string[];
    expect(topics.filter((topic) => !validStoredText(topic, 200)).map(label)).toEqual([]);
    const texts = db.prepare('SELECT text FROM arguments').pluck().all() as string[];
    expect(texts.filter((text) => !validStoredText(text, 1000)).map(label)).toEqual([]);
    // Numbers run 1, 2, 3… within the workspace and within each debate.
    const numbers = db.prepare('SELECT number FROM debates ORDER BY id').pluck().all();
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const gaps = db
      .prepare(
        `SELECT debate_id FROM arguments GROUP BY debate_id HAVING max(number) != count(*) OR min(number) != 1`,
      )
      .all();
    expect(gaps).toEqual([]);
    const channels = db.prepare('SELECT timezone, summary_time, language FROM channels').all() as {
      timezone: string | null;
      summary_time: string | null;
      language: string | null;
    }[];
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    for (const channel of channels) {
      if (channel.timezone !== null)
        expect(zones.has(channel.timezone) || channel.timezone === 'UTC').toBe(true);
      if (channel.summary_time !== null) expect(channel.summary_time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      if (channel.language !== null) expect(['fr', 'en']).toContain(channel.language);
    }
    // Everything stayed in the one workspace it was typed in.
    expect(db.prepare('SELECT DISTINCT platform, workspace_id FROM debates').all()).toEqual([
      { platform: 'slack', workspace_id: 'T0HOSTILE' },
    ]);
  });
});
