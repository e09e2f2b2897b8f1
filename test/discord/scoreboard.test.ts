import { afterEach, describe, expect, it } from 'vitest';
import { createRest } from '../../adapters/discord/rest.ts';
import { Scoreboards, scoreboardRef } from '../../adapters/discord/scoreboards.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { type Actor, type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { alice, type DiscordBed, startDiscordBed, textOf } from './harness.ts';

const voter = (i: number): Actor => ({
  id: String(500000000000000000n + BigInt(i)),
  username: `v${i}`,
  locale: 'fr',
});
const edits = (t: DiscordBed) => t.fake.rest.filter('messageEdit');

describe('Discord live scoreboard', () => {
  let t: DiscordBed;
  afterEach(async () => {
    await t.close();
  });

  it('coalesces a burst of votes into a few edits and ends exact', async () => {
    t = await startDiscordBed({ env: { DEBAT_SCOREBOARD_INTERVAL_MS: '500' } });
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Rafale ?' }));
    const board = t.scoreboard(1);
    const clicks = Array.from({ length: 60 }, (_, i) =>
      t.fake.click(voter(i), board, i % 3 ? 'db:v:1:p' : 'db:v:1:c'),
    );
    await Promise.all(clicks.map((c) => t.answer(c)));
    await t.fake.rest.waitFor((c) => c.route === 'messageEdit' && textOf(c.body).includes('60 votants'));
    await t.adapter.stop();
    const last = edits(t).at(-1);
    expect(textOf(last?.body)).toContain('60 votants');
    expect(textOf(last?.body)).toMatch(/Pour\*\* 40/);
    expect(edits(t).length).toBeLessThan(10);
    for (const edit of edits(t)) expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('waits out a 429 on an edit and writes the latest state', async () => {
    t = await startDiscordBed();
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Limite ?' }));
    t.fake.rest.rateLimitNext(2, 'messageEdit', 0.05);
    await t.answer(t.fake.click(voter(1), t.scoreboard(1), 'db:v:1:p'));
    await t.answer(t.fake.click(voter(2), t.scoreboard(1), 'db:v:1:p'));
    await t.fake.rest.waitFor(
      (c) => c.route === 'messageEdit' && c.status === 200 && textOf(c.body).includes('2 votants'),
    );
    expect(edits(t).filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(1);
  });

  it('takes 30046 (edits of an old message) into account: backs off, then writes the final state', async () => {
    t = await startDiscordBed({ adapter: { scoreboards: { editLimitBackoffMs: 20, editLimitMaxMs: 40 } } });
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Vieux message ?' }));
    t.fake.rest.editLimitNext(3);
    await t.answer(t.fake.click(voter(1), t.scoreboard(1), 'db:v:1:n'));
    await t.fake.rest.waitFor(
      (c) => c.route === 'messageEdit' && c.status === 200 && textOf(c.body).includes('1 votant'),
    );
    expect(edits(t).filter((c) => c.status === 400)).toHaveLength(3);
    expect(t.logger.matching(/30046/).length).toBe(3);
    expect(t.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});

describe('Discord scoreboard pacing on messages older than an hour', () => {
  let fake: FakeDiscord;
  let bed: TestBed;
  afterEach(async () => {
    await fake.close();
    await bed.cleanup();
  });

  it('edits an old scoreboard at most once per spacing, and still ends exact', async () => {
    fake = await startFakeDiscord();
    bed = await testEngine();
    const rest = createRest({ api: fake.api, token: fake.token });
    const twoHoursLater = () => Date.now() + 2 * 60 * 60 * 1000;
    const boards = new Scoreboards({
      rest,
      canPost: true,
      engine: bed.engine,
      logger: silentLogger,
      options: { oldMessageSpacingMs: 60_000, editLimitBackoffMs: 60_000, editLimitMaxMs: 60_000 },
      now: twoHoursLater,
    });
    bed.engine.registerPublisher('discord', {
      post: async () => undefined,
      update: (ref, reply) => boards.update(ref, reply),
    });
    const inv = person('u1', {
      platform: 'discord',
      workspace: fake.where.guildId,
      channel: fake.where.channelId,
    });
    const opened = await bed.engine.run(inv, 'lancer Vieux ?');
    const reply = opened.replies[0];
    if (!reply) throw new Error('no reply');
    // Attaching the posted message changes nothing it shows: no edit.
    const id = await boards.publish(inv, 1, reply);
    expect((await bed.engine.liveScoreboard(inv, 1))?.ref).toBe(
      scoreboardRef(fake.where.channelId, id ?? ''),
    );
    await bed.engine.settled();
    expect(fake.rest.filter('messageEdit')).toHaveLength(0);
    // The first vote is shown at once.
    await bed.engine.run({ ...inv, user: { ...inv.user, id: 'u2' } }, 'voter pour');
    await fake.rest.waitFor('messageEdit');
    await bed.engine.run({ ...inv, user: { ...inv.user, id: 'u3' } }, 'voter pour');
    expect(bed.engine.unsettled).toBe(1);
    expect(fake.rest.filter('messageEdit')).toHaveLength(1);
    // The second edit waits for the spacing; shutting down flushes it, and the final state is written.
    boards.closing();
    await bed.engine.close();
    const all = fake.rest.filter('messageEdit');
    expect(all).toHaveLength(2);
    expect(textOf(all.at(-1)?.body)).toContain('2 votants');
  });
});
