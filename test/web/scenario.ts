// A debate with a few days of life, for the page tests: arguments on both sides, endorsements,
// votes that change sides with a ∆, and two weekly summaries that listed it.
import type { Invocation } from '../../src/domain/types.ts';
import { person } from '../helpers/engine.ts';
import type { PageBed } from './bed.ts';

const DAY = 24 * 60 * 60 * 1000;

export const PEOPLE = {
  alice: person('U1'),
  bruno: person('U2'),
  chloe: person('U3'),
  david: person('U4'),
  emma: person('U5'),
};

async function say(bed: PageBed, who: Invocation, line: string): Promise<void> {
  const outcome = await bed.run(who, line);
  const view = outcome.replies[0]?.view;
  if (view?.kind === 'error') throw new Error(`"${line}" failed: ${view.error.code}`);
}

/** Opens `topic` (flags appended) in C1 and plays four days of it; returns the debate's number. */
export async function playDebate(bed: PageBed, topic: string, flags = ''): Promise<number> {
  const { alice, bruno, chloe, david, emma } = PEOPLE;
  const opened = await bed.run(alice, `lancer ${topic} ${flags}`.trim());
  const number = opened.opened?.number;
  if (number === undefined) throw new Error(`"${topic}" did not open`);
  await say(bed, alice, 'pour La transparence crée la confiance');
  await say(bed, bruno, 'contre Twitter reste un outil professionnel');
  await say(bed, chloe, 'pour On y gagne en visibilité');
  await say(bed, alice, 'voter pour');
  await say(bed, bruno, 'voter contre');
  await say(bed, chloe, 'voter contre');
  await say(bed, david, 'voter neutre');
  await say(bed, bruno, 'appuyer 1');
  await say(bed, david, 'appuyer 1');
  await say(bed, alice, 'appuyer 2');
  bed.clock.advance(DAY);
  await say(bed, chloe, 'voter pour');
  await say(bed, chloe, 'delta 1');
  await say(bed, emma, 'voter contre');
  bed.clock.advance(DAY);
  await say(bed, david, 'voter pour');
  await say(bed, david, 'delta 3');
  await say(bed, emma, 'appuyer 2');
  bed.clock.advance(DAY);
  await say(bed, bruno, 'voter neutre');
  return number;
}

/** Two posted weekly summaries that kept the debate's tally (as the scheduler does). */
export async function twoSummaries(bed: PageBed, debateId: number): Promise<void> {
  const scope = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };
  const weeks = [
    {
      weekStart: '2026-11-16',
      asOf: Date.parse('2026-11-20T15:00:00Z'),
      counts: { pro: 1, con: 2, neutral: 1 },
    },
    {
      weekStart: '2026-11-23',
      asOf: Date.parse('2026-11-27T15:00:00Z'),
      counts: { pro: 3, con: 2, neutral: 1 },
    },
  ];
  for (const week of weeks) {
    const token = `claim-${week.weekStart}`;
    await bed.store.claimSummary({
      scope,
      weekStart: week.weekStart,
      scheduledAt: week.asOf,
      token,
      instance: 'instance-1',
      aliveSince: 0,
      at: week.asOf,
      staleBefore: week.asOf - 600_000,
      maxAttempts: 5,
    });
    await bed.store.completeSummary({
      scope,
      weekStart: week.weekStart,
      token,
      at: week.asOf,
      status: 'posted',
      messageRef: `ts-${week.weekStart}`,
      snapshots: [{ debateId, asOf: week.asOf, counts: week.counts }],
    });
  }
}
