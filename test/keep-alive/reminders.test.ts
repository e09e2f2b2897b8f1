// Reminders before a debate's end and balance nudges, through the real engine's sweep on a real
// SQLite file, on a clock that stands on the night Paris leaves summer time (25 October 2026).
import { afterEach, describe, expect, it } from 'vitest';
import type { ScoreboardView } from '../../src/views/types.ts';
import { engineOnPath, person, type TestBed, testEngine } from '../helpers/engine.ts';
import { errorCode, firstView } from '../helpers/outcome.ts';
import { recordingPublisher } from '../summary/seed.ts';

// Saturday 24 October 2026, 12:00 in Paris (summer time); the clocks go back the next night.
const SATURDAY = new Date('2026-10-24T10:00:00Z');

let bed: TestBed;
afterEach(() => bed.cleanup());

async function start(fail?: () => boolean) {
  bed = await testEngine({ start: SATURDAY });
  const rec = recordingPublisher({ fail });
  bed.engine.registerPublisher('slack', rec.publisher);
  return rec;
}
const at = (iso: string) => bed.clock.set(new Date(iso));
const sweepAt = async (iso: string) => {
  at(iso);
  await bed.engine.sweep();
};
const reminders = <T extends { reply: { view: { kind: string } } }>(posts: T[]): T[] =>
  posts.filter((p) => p.reply.view.kind === 'scoreboard' && (p.reply.view as ScoreboardView).reminder);

describe('reminders before the end', () => {
  it('a two-day debate: once, a day before its end (on the DST day), never again, not after a restart', async () => {
    const rec = await start();
    await bed.engine.run(person('opener'), 'lancer --duree 2j --masque Semaine de quatre jours ?');
    await bed.engine.run(person('a'), 'voter pour');
    // Ends Monday 26 October 10:00 UTC (11:00 in Paris, winter time): reminded Sunday 10:00 UTC.
    await sweepAt('2026-10-25T00:30:00Z'); // 02:30 CEST, just before the clocks go back
    await sweepAt('2026-10-25T09:59:59Z');
    expect(reminders(rec.posts)).toEqual([]);
    await sweepAt('2026-10-25T10:00:00Z');
    await sweepAt('2026-10-25T10:00:30Z');
    await sweepAt('2026-10-25T18:00:00Z');
    const [posted, ...more] = reminders(rec.posts);
    expect(more).toEqual([]);
    expect(posted?.scope).toMatchObject({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' });
    const view = posted?.reply.view as ScoreboardView;
    expect(posted?.reply).toMatchObject({ visibility: 'public', language: 'fr' });
    // Hidden results stay hidden; the end is given in the channel's zone by the renderers.
    expect(view).toMatchObject({ reminder: true, counts: null, timezone: 'Europe/Paris' });
    expect(view.debate).toMatchObject({ number: 1, closesAt: Date.parse('2026-10-26T10:00:00Z') });

    // Another process on the same file (a restart) does not post it again.
    const again = await engineOnPath(bed.path, { start: new Date('2026-10-25T12:00:00Z') });
    const other = recordingPublisher();
    again.engine.registerPublisher('slack', other.publisher);
    await again.engine.sweep();
    await again.engine.close();
    await again.store.close();
    expect(reminders(other.posts)).toEqual([]);
  });

  it('a shorter debate is reminded an hour before; --rappel chooses; --rappel off has none', async () => {
    const rec = await start();
    await bed.engine.run(person('opener'), 'lancer --duree 3h Court ?'); // ends 13:00 UTC
    await bed.engine.run(person('opener'), 'lancer --duree 3h --rappel 2h Choisi ?'); // reminded 11:00
    await bed.engine.run(person('opener'), 'lancer --duree 3h --rappel off Sans rappel ?');
    await bed.engine.run(person('opener'), 'lancer Sans fin ?');
    await sweepAt('2026-10-24T10:59:00Z');
    expect(reminders(rec.posts)).toEqual([]);
    await sweepAt('2026-10-24T11:00:00Z');
    expect(reminders(rec.posts).map((p) => (p.reply.view as ScoreboardView).debate.number)).toEqual([2]);
    await sweepAt('2026-10-24T12:00:00Z');
    await sweepAt('2026-10-24T12:59:00Z');
    expect(reminders(rec.posts).map((p) => (p.reply.view as ScoreboardView).debate.number)).toEqual([2, 1]);
  });

  it('a reminder that does not fit before the end is refused, and so is one without an end', async () => {
    await start();
    expect(errorCode(await bed.engine.run(person('o'), 'lancer --duree 1h --rappel 2h Trop tôt ?'))).toBe(
      'open.reminder_needs_duration',
    );
    expect(errorCode(await bed.engine.run(person('o'), 'lancer --rappel 2h Sans fin ?'))).toBe(
      'open.reminder_needs_duration',
    );
    expect(errorCode(await bed.engine.run(person('o'), 'lancer --duree 1j --rappel bientôt X ?'))).toBe(
      'parse.bad_reminder',
    );
    expect(errorCode(await bed.engine.run(person('o'), 'lancer --duree 1j X ? --rappel'))).toBe(
      'parse.missing_reminder',
    );
    // A 30-minute debate: the default hour is longer than the debate, so no reminder, no error.
    expect(
      firstView(await bed.engine.run(person('o'), 'lancer --duree 30min Éclair ?'), 'scoreboard'),
    ).toBeTruthy();
  });

  it('is caught up once after downtime, if the debate has not ended; `config rappel off` silences it', async () => {
    const rec = await start();
    await bed.engine.run(person('opener'), 'lancer --duree 2j Rattrapé ?');
    await bed.engine.run(person('opener', { channel: 'C2' }), 'lancer --duree 2j Réglé ?');
    await bed.engine.run(person('boss', { admin: true, channel: 'C2' }), 'config rappel off');
    // Down from Saturday until Monday 08:00 UTC, two hours before the end.
    await sweepAt('2026-10-26T08:00:00Z');
    await sweepAt('2026-10-26T08:01:00Z');
    expect(reminders(rec.posts).map((p) => p.scope.channelId)).toEqual(['C1']);
    // The silenced one is settled, not left to be posted if the setting comes back.
    await bed.engine.run(person('boss', { admin: true, channel: 'C2' }), 'config rappel on');
    await sweepAt('2026-10-26T08:02:00Z');
    expect(reminders(rec.posts).map((p) => p.scope.channelId)).toEqual(['C1']);
  });

  it('a post that fails is tried again once its claim is stale, then never again', async () => {
    let failing = true;
    const rec = await start(() => failing);
    await bed.engine.run(person('opener'), 'lancer --duree 3h Fragile ?');
    await sweepAt('2026-10-24T12:00:00Z');
    failing = false;
    await sweepAt('2026-10-24T12:01:00Z'); // the claim is still held
    expect(reminders(rec.posts)).toEqual([]);
    await sweepAt('2026-10-24T12:06:00Z');
    await sweepAt('2026-10-24T12:12:00Z');
    expect(reminders(rec.posts)).toHaveLength(1);
  });

  it('is never claimed for a platform this process does not post to', async () => {
    const rec = await start();
    await bed.engine.run(person('opener', { platform: 'discord' }), 'lancer --duree 3h Ailleurs ?');
    await sweepAt('2026-10-24T12:00:00Z');
    expect(rec.posts).toEqual([]);
    // The process that has Discord's publisher posts it.
    const discord = recordingPublisher();
    bed.engine.registerPublisher('discord', discord.publisher);
    await sweepAt('2026-10-24T12:00:30Z');
    expect(reminders(discord.posts)).toHaveLength(1);
  });
});

describe('balance nudges', () => {
  const nudges = (posts: { reply: { view: { kind: string } } }[]) =>
    posts.filter((p) => p.reply.view.kind === 'nudge').map((p) => p.reply.view);

  it('once, after a quiet hour, when one side has three arguments and the other none; naming nobody', async () => {
    const rec = await start();
    await bed.engine.run(person('opener'), 'lancer --anonyme Réunions le vendredi ?');
    for (const text of ['Un', 'Deux']) await bed.engine.run(person('a'), `pour ${text}`);
    await sweepAt('2026-10-24T12:00:00Z');
    expect(nudges(rec.posts)).toEqual([]); // two arguments only
    await bed.engine.run(person('b'), 'pour Trois'); // at 12:00
    await sweepAt('2026-10-24T12:59:00Z');
    expect(nudges(rec.posts)).toEqual([]); // not quiet for an hour yet
    await sweepAt('2026-10-24T13:00:00Z');
    await sweepAt('2026-10-24T15:00:00Z');
    expect(nudges(rec.posts)).toEqual([{ kind: 'nudge', debate: 1, side: 'con' }]);
    expect(rec.posts.at(-1)?.reply).toMatchObject({ visibility: 'public', language: 'fr' });
    // A con argument, withdrawn, then the pro side alone again: still only once per debate.
    await bed.engine.run(person('c'), 'contre Quatre');
    await bed.engine.run(person('c'), 'retirer 4');
    await sweepAt('2026-10-24T18:00:00Z');
    expect(nudges(rec.posts)).toHaveLength(1);
  });

  it('asks for the pro side too; none when both sides spoke, or with `config relances off`', async () => {
    const rec = await start();
    await bed.engine.run(person('opener'), 'lancer Un ?');
    await bed.engine.run(person('opener', { channel: 'C2' }), 'lancer Deux ?');
    await bed.engine.run(person('opener', { channel: 'C3' }), 'lancer Trois ?');
    for (const n of [1, 2, 3]) {
      await bed.engine.run(person('a'), `contre #1 Contre ${n}`);
      await bed.engine.run(person('a', { channel: 'C2' }), `contre #2 Contre ${n}`);
      await bed.engine.run(person('a', { channel: 'C3' }), `pour #3 Pour ${n}`);
    }
    await bed.engine.run(person('b', { channel: 'C3' }), 'contre #3 Un contre');
    await bed.engine.run(person('boss', { admin: true, channel: 'C2' }), 'config relances off');
    await sweepAt('2026-10-24T12:00:00Z');
    expect(nudges(rec.posts)).toEqual([{ kind: 'nudge', debate: 1, side: 'pro' }]);
  });
});
