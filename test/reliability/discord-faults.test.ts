// The real Discord adapter (discord.js over the fake gateway and REST) while a fraction of REST
// calls answer 429 or 500: every vote and argument stored, the scoreboard converges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBed, startDiscordBed, textOf } from '../discord/harness.ts';
import type { Actor } from '../fakes/discord/index.ts';
import { eventually } from '../fakes/slack/wait.ts';
import { figure } from './support/figures.ts';

let t: DiscordBed;
beforeAll(async () => {
  t = await startDiscordBed();
});
afterAll(() => t.close());

const FAULT_RATE = 0.15;
const SIDES = [
  ['p', 'pro'],
  ['c', 'con'],
  ['n', 'neutral'],
] as const;
const person = (i: number): Actor => ({
  id: String(500000000000000000n + BigInt(i)),
  username: `p${i}`,
  locale: 'fr',
});

/** The counts the scoreboard message shows now. */
function shown(): { pro: number; con: number; neutral: number } | undefined {
  const text = textOf(t.scoreboard(1));
  const count = (label: string) =>
    Number(new RegExp(`\\*\\*${label}\\*\\* (\\d+)`).exec(text)?.[1] ?? Number.NaN);
  const counts = { pro: count('Pour'), con: count('Contre'), neutral: count('Neutre') };
  return Number.isNaN(counts.pro) ? undefined : counts;
}

describe('faults from the Discord API on a fraction of calls', () => {
  it('lose no vote or argument, and the scoreboard converges', async () => {
    await t.answer(t.fake.slash(person(0), 'lancer', { sujet: 'Sous les pannes' }));
    const board = t.scoreboard(1);
    const callsBefore = t.fake.rest.calls.length;
    t.fake.rest.failFraction(FAULT_RATE, { kind: 'rateLimit', retryAfter: 0.2 });
    t.fake.rest.failFraction(FAULT_RATE, { kind: 'serverError' });

    const voters = 150;
    const clicks = [];
    for (let i = 1; i <= voters; i++) {
      const [code] = SIDES[i % 3]!;
      clicks.push(t.answer(t.fake.click(person(i), board, `db:v:1:${code}`)));
      if (i % 30 === 0) await Promise.all(clicks.splice(0));
    }
    for (let i = 0; i < 20; i++)
      await t.answer(
        t.fake.slash(person(1000 + i), i % 2 ? 'contre' : 'pour', {
          argument: `Argument ${i} sous les pannes`,
        }),
      );

    const expected = { pro: 50, con: 50, neutral: 50 };
    expect(await t.bed.store.tally(1)).toEqual(expected);
    expect((await t.bed.store.scoreboard(1)).argumentCounts).toEqual({ pro: 10, con: 10 });
    await eventually(
      () => JSON.stringify(shown()) === JSON.stringify(expected),
      'the scoreboard to converge',
      15_000,
    );
    const calls = t.fake.rest.calls.slice(callsBefore);
    figure('Discord API faults', {
      faultRates: { rateLimited429: FAULT_RATE, serverError500: FAULT_RATE },
      restCalls: calls.length,
      answered429: calls.filter((call) => call.status === 429).length,
      answered500: calls.filter((call) => call.status === 500).length,
      votesStored: voters,
      argumentsStored: 20,
      scoreboardConverged: true,
      errorsLogged: t.logger.entries.filter((entry) => entry.level === 'error').length,
    });
  });
});
