// A seeded week for the weekly summary tests, driven through the real engine on a test clock.
//
// Channel slack:T1:C1, Europe/Paris, summary Friday 16:00 (the test defaults).
// Previous summary: Fri 2026-03-20 16:00 CET (15:00Z). This one: Fri 2026-03-27 16:00 CET (15:00Z).
import { expect } from 'vitest';
import type { Publisher } from '../../src/adapter.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import type { ChannelScope } from '../../src/domain/types.ts';
import type { Outcome } from '../../src/engine/outcome.ts';
import { SummaryScheduler } from '../../src/summary/scheduler.ts';
import type { Reply } from '../../src/views/types.ts';
import { DEFAULTS, person, type TestBed, testEngine } from '../helpers/engine.ts';

export const CHANNEL: ChannelScope = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
export const PREVIOUS_SUMMARY = new Date('2026-03-20T15:00:00Z');
export const THIS_SUMMARY = new Date('2026-03-27T15:00:00Z');

export interface Posted {
  scope: ChannelScope;
  reply: Reply;
  attachments: readonly { filename: string; mimeType: string; data: Uint8Array; title?: string }[];
  ref: string;
}

/** A publisher at the far side of the wire: it records what a platform would receive. */
export function recordingPublisher(options: { fail?: () => boolean } = {}) {
  const posts: Posted[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const publisher: Publisher = {
    // Summaries are posted, never edited.
    update: async () => undefined,
    async post(scope, reply, attachments = []) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (options.fail?.()) throw new Error('platform said no');
        const ref = `${scope.channelId}:${posts.length + 1}`;
        posts.push({ scope, reply, attachments: [...attachments], ref });
        return ref;
      } finally {
        inFlight--;
      }
    },
  };
  return {
    publisher,
    posts,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

/** The real scheduler on a bed's store and clock, posting to a recording publisher. */
export function recordingScheduler(bed: TestBed): { scheduler: SummaryScheduler; posts: Posted[] } {
  const rec = recordingPublisher();
  const scheduler = new SummaryScheduler({
    store: bed.store,
    clock: bed.clock,
    logger: silentLogger,
    defaults: DEFAULTS,
    publisherFor: () => rec.publisher,
  });
  return { scheduler, posts: rec.posts };
}

export async function run(
  bed: TestBed,
  who: string,
  line: string,
  at: string,
  admin = false,
): Promise<Outcome> {
  bed.clock.set(new Date(at));
  const outcome = await bed.engine.run(person(who, { admin }), line);
  const error = outcome.replies.find((r) => r.view.kind === 'error');
  expect(error, `${who}: ${line} → ${JSON.stringify(error?.view)}`).toBeUndefined();
  return outcome;
}

/** Debate #1 before the window, then a week of activity in #1, #2 (hidden), #3 (anonymous, closed). */
export async function seedBeforeWindow(bed: TestBed): Promise<void> {
  await run(bed, 'alice', 'lancer Télétravail le vendredi ?', '2026-03-16T09:00:00Z');
  await run(bed, 'alice', 'pour On gagne du temps de trajet', '2026-03-16T09:05:00Z');
  await run(bed, 'bob', 'contre On perd le lien avec l’équipe', '2026-03-16T09:10:00Z');
  await run(bed, 'alice', 'voter pour #1', '2026-03-17T10:00:00Z');
  await run(bed, 'bob', 'voter pour #1', '2026-03-17T10:01:00Z');
  await run(bed, 'carol', 'voter contre #1', '2026-03-17T10:02:00Z');
  // A debate with no activity in the window: it must not appear.
  await run(bed, 'zoe', 'lancer Une plante verte par bureau', '2026-03-18T09:00:00Z');
  await run(bed, 'zoe', 'voter pour #2', '2026-03-18T09:01:00Z');
}

export async function seedWindow(bed: TestBed): Promise<void> {
  // #1: carol switches to pro and credits argument 1; dave votes neutral; erin votes against.
  await run(bed, 'carol', 'voter pour #1', '2026-03-23T08:00:00Z');
  await run(bed, 'carol', 'delta 1 #1', '2026-03-23T08:01:00Z');
  await run(bed, 'dave', 'voter neutre #1', '2026-03-23T09:00:00Z');
  await run(bed, 'erin', 'voter contre #1', '2026-03-24T09:00:00Z');
  await run(bed, 'erin', 'contre #1 Les réunions à distance s’éternisent', '2026-03-24T09:05:00Z');
  await run(bed, 'bob', 'appuyer 1 #1', '2026-03-24T10:00:00Z');
  await run(bed, 'dave', 'appuyer 3 #1', '2026-03-24T10:05:00Z');
  // #3: hidden results, still open.
  await run(bed, 'bob', 'lancer Pizza le jeudi --masque', '2026-03-25T09:00:00Z');
  await run(bed, 'alice', 'voter pour #3', '2026-03-25T09:01:00Z');
  await run(bed, 'bob', 'voter contre #3', '2026-03-25T09:02:00Z');
  // #4: anonymous, closed during the week.
  await run(bed, 'frank', 'lancer Plus de café --anonyme', '2026-03-25T12:00:00Z');
  await run(bed, 'frank', 'pour #4 Le café, c’est la vie', '2026-03-25T12:01:00Z');
  await run(bed, 'alice', 'voter pour #4', '2026-03-25T12:02:00Z');
  await run(bed, 'gina', 'voter contre #4', '2026-03-25T12:03:00Z');
  await run(bed, 'hugo', 'voter pour #4', '2026-03-25T12:04:00Z');
  await run(bed, 'frank', 'clore #4', '2026-03-26T17:00:00Z');
  // After the scheduled instant, before the (late) post: not part of this week's tally.
  await run(bed, 'erin', 'voter neutre #1', '2026-03-27T15:30:00Z');
}

export async function seededBed(): Promise<TestBed> {
  return testEngine({ start: new Date('2026-03-16T08:00:00Z'), secret: 'a-test-secret-of-enough-length' });
}
