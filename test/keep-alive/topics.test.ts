// The debate of the week through the real engine on a real SQLite file: the queue of topics, and
// the weekly opening on a clock that crosses the night Paris moves to summer time (29 March 2026).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/terminal/render.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { SummaryScheduler } from '../../src/summary/scheduler.ts';
import type { ScoreboardView, TopicListView } from '../../src/views/types.ts';
import type { WeeklySummaryView } from '../../src/views/weekly-summary.ts';
import { DEFAULTS, engineOnPath, person, type TestBed, testEngine } from '../helpers/engine.ts';
import { errorCode, firstView } from '../helpers/outcome.ts';
import { recordingPublisher } from '../summary/seed.ts';

// Wednesday 25 March 2026, 11:00 in Paris (winter time).
const WEDNESDAY = new Date('2026-03-25T10:00:00Z');
const admin = person('boss', { admin: true });

let bed: TestBed;
let rec: ReturnType<typeof recordingPublisher>;
beforeEach(async () => {
  bed = await testEngine({ start: WEDNESDAY });
  rec = recordingPublisher();
  bed.engine.registerPublisher('slack', rec.publisher);
});
afterEach(() => bed.cleanup());

const list = async (who = person('a')) =>
  firstView(await bed.engine.run(who, 'sujets'), 'topicList') as TopicListView;
const sweepAt = async (iso: string) => {
  bed.clock.set(new Date(iso));
  await bed.engine.sweep();
};
const weekly = () =>
  rec.posts.filter((p) => p.reply.view.kind === 'scoreboard' && (p.reply.view as ScoreboardView).weekly);

describe('the queue of topics', () => {
  it('is proposed in public, listed most endorsed first, endorsed by others, withdrawn by its author or an admin', async () => {
    const proposed = await bed.engine.run(person('a'), 'sujets proposer La semaine de quatre jours ?');
    expect(proposed.replies[0]?.visibility).toBe('public');
    expect(firstView(proposed, 'notice')).toMatchObject({
      key: 'notice.topic_proposed',
      params: { number: 1, topic: 'La semaine de quatre jours ?' },
    });
    await bed.engine.run(person('b'), 'sujets proposer Le bureau ouvert ?');
    await bed.engine.run(person('c'), 'sujets proposer Les réunions debout ?');
    expect(firstView(await bed.engine.run(person('c'), 'sujets appuyer 2'), 'notice').key).toBe(
      'notice.topic_endorsed',
    );
    await bed.engine.run(person('a'), 'sujets appuyer 2');
    expect(errorCode(await bed.engine.run(person('a'), 'sujets appuyer 1'))).toBe('topic.own');
    expect(errorCode(await bed.engine.run(person('a'), 'sujets appuyer 9'))).toBe('topic.not_found');
    const view = await list(person('c'));
    expect(view.items.map((i) => [i.number, i.endorsements, i.endorsedByViewer, i.proposerName])).toEqual([
      [2, 2, true, 'name-b'],
      [1, 0, false, 'name-a'],
      [3, 0, false, 'name-c'],
    ]);
    expect(view).toMatchObject({ rhythm: null, next: null, timezone: 'Europe/Paris' });
    // Again: the endorsement goes.
    expect(firstView(await bed.engine.run(person('c'), 'sujets appuyer 2'), 'notice').key).toBe(
      'notice.topic_unendorsed',
    );
    expect(errorCode(await bed.engine.run(person('b'), 'sujets retirer 1'))).toBe('rights.topic');
    expect(firstView(await bed.engine.run(person('a'), 'sujets retirer 1'), 'notice').key).toBe(
      'notice.topic_withdrawn',
    );
    expect(firstView(await bed.engine.run(admin, 'sujets retirer 3'), 'notice').key).toBe(
      'notice.topic_withdrawn',
    );
    expect((await list()).items.map((i) => i.number)).toEqual([2]);
    expect(errorCode(await bed.engine.run(person('a'), 'sujets appuyer 1'))).toBe('topic.not_found');
    // Each channel has its own queue.
    expect((await list(person('a', { channel: 'C2' }))).items).toEqual([]);
  });

  it('speaks English, and says what a wrong word should have been', async () => {
    const en = person('a', { locale: 'en' });
    expect(firstView(await bed.engine.run(en, 'topics propose Four-day week?'), 'notice').key).toBe(
      'notice.topic_proposed',
    );
    expect(
      firstView(await bed.engine.run(person('b', { locale: 'en' }), 'topics endorse 1'), 'notice').key,
    ).toBe('notice.topic_endorsed');
    expect(errorCode(await bed.engine.run(en, 'sujets voter 1'))).toBe('parse.bad_topic_action');
    expect(errorCode(await bed.engine.run(en, 'sujets proposer'))).toBe('parse.missing_proposal');
    expect(errorCode(await bed.engine.run(en, `sujets proposer ${'x'.repeat(201)}`))).toBe('topic.too_long');
  });

  it('asks for what is missing in the words of the topics command, in French and English', async () => {
    const shown = async (who: ReturnType<typeof person>, text: string) => {
      const reply = (await bed.engine.run(who, text)).replies[0]!;
      return renderReply(reply, { color: false, timezone: 'UTC' });
    };
    const en = person('a', { locale: 'en' });
    expect(await shown(person('a'), 'sujets proposer')).toContain(
      'Il manque le sujet : /debat sujets proposer <sujet>',
    );
    expect(await shown(person('a'), 'sujets appuyer')).toContain(
      'Précisez le numéro du sujet : /debat sujets appuyer <n°>',
    );
    expect(await shown(en, 'topics propose')).toContain(
      'The topic is missing: /debat topics propose <topic>',
    );
    expect(await shown(en, 'topics withdraw')).toContain(
      'Give the topic’s number: /debat topics withdraw <n>',
    );
    expect(await list()).toMatchObject({ items: [] });
  });
});

describe('the weekly opening', () => {
  async function queue() {
    await bed.engine.run(person('a'), 'sujets proposer La semaine de quatre jours ?');
    await bed.engine.run(person('b'), 'sujets proposer Le bureau ouvert ?');
    await bed.engine.run(person('c'), 'sujets appuyer 2');
  }

  it('opens the most endorsed topic at Monday 9:00 Paris time, summer time begun, once, not again after a restart', async () => {
    await queue();
    const saved = firstView(await bed.engine.run(admin, 'config rythme lundi 9h --duree 5j'), 'settings');
    expect(saved.rhythm).toEqual({ day: 1, time: '09:00', durationMs: 5 * 86_400_000 });
    // Monday 30 March, 09:00 in Paris is 07:00 UTC (08:00 UTC the week before).
    expect((await list()).next).toBe(Date.parse('2026-03-30T07:00:00Z'));
    await sweepAt('2026-03-29T01:30:00Z'); // the night of the change
    await sweepAt('2026-03-30T06:59:59Z');
    expect(weekly()).toEqual([]);
    await sweepAt('2026-03-30T07:00:00Z');
    await sweepAt('2026-03-30T07:00:30Z');
    await sweepAt('2026-03-30T12:00:00Z');
    expect(weekly()).toHaveLength(1);
    const view = weekly()[0]!.reply.view as ScoreboardView;
    expect(view.debate).toMatchObject({
      number: 1,
      topic: 'Le bureau ouvert ?',
      openerName: 'name-b',
      closesAt: Date.parse('2026-04-04T07:00:00Z'),
    });
    // The posted message is the debate's live scoreboard; the topic has left the queue.
    const debate = await bed.store.findDebate({ platform: 'slack', workspaceId: 'T1' }, 1);
    expect(debate?.scoreboardRef).toBe(weekly()[0]!.ref);
    expect((await list()).items.map((i) => i.number)).toEqual([1]);
    // Its proposer opened it: they may close it.
    expect(firstView(await bed.engine.run(person('b'), 'bilan #1'), 'scoreboard').debate.status).toBe('open');

    const again = await engineOnPath(bed.path, { start: new Date('2026-03-30T12:05:00Z') });
    const other = recordingPublisher();
    again.engine.registerPublisher('slack', other.publisher);
    await again.engine.sweep();
    await again.engine.close();
    await again.store.close();
    expect(other.posts).toEqual([]);
    // The next Monday, the next topic.
    await sweepAt('2026-04-06T07:00:00Z');
    expect(weekly().map((p) => (p.reply.view as ScoreboardView).debate.topic)).toEqual([
      'Le bureau ouvert ?',
      'La semaine de quatre jours ?',
    ]);
  });

  it('never opens a slot from before the rhythm was set; catches up once after downtime', async () => {
    await queue();
    await bed.engine.run(admin, 'config rythme lundi 9h');
    // Monday 23 March came before the setting: nothing, even now.
    await sweepAt('2026-03-25T10:01:00Z');
    expect(weekly()).toEqual([]);
    // Down from Sunday to Wednesday 1 April: Monday's slot opens once, late.
    await sweepAt('2026-04-01T10:00:00Z');
    await sweepAt('2026-04-01T10:01:00Z');
    expect(weekly()).toHaveLength(1);
    expect((weekly()[0]!.reply.view as ScoreboardView).debate.closesAt).toBe(
      Date.parse('2026-04-01T10:00:00Z') + 5 * 86_400_000,
    );
  });

  it('an empty queue leaves the slot empty; `config rythme off` stops it', async () => {
    await bed.engine.run(admin, 'config rythme lundi 9h');
    await sweepAt('2026-03-30T07:00:00Z');
    await bed.engine.run(person('a'), 'sujets proposer Trop tard ?');
    await sweepAt('2026-03-30T08:00:00Z');
    expect(weekly()).toEqual([]);
    expect(firstView(await bed.engine.run(admin, 'config rythme off'), 'settings').rhythm).toBeNull();
    await sweepAt('2026-04-06T07:00:00Z');
    expect(weekly()).toEqual([]);
    expect(errorCode(await bed.engine.run(admin, 'config rythme lundi'))).toBe('settings.missing_rhythm');
  });

  it('the weekly summary and the week so far name the next debate of the week and its leading topic', async () => {
    await queue();
    await bed.engine.run(admin, 'config rythme lundi 9h');
    await sweepAt('2026-03-30T07:00:00Z');
    await bed.engine.run(person('d'), 'voter pour #1');
    // Friday 3 April, 16:00 in Paris: the scheduled summary of the channel.
    bed.clock.set(new Date('2026-04-03T14:00:00Z'));
    const scheduler = new SummaryScheduler({
      store: bed.store,
      clock: bed.clock,
      logger: silentLogger,
      defaults: DEFAULTS,
      publisherFor: (platform) => (platform === 'slack' ? rec.publisher : undefined),
      chart: false,
    });
    expect((await scheduler.runOnce()).map((r) => r.outcome)).toEqual(['posted']);
    const summary = rec.posts.find((p) => p.reply.view.kind === 'weeklySummary')?.reply
      .view as WeeklySummaryView;
    // Monday 6 April, 09:00 in Paris (summer time): the topic left in the queue.
    expect(summary.nextWeekly).toEqual({
      at: Date.parse('2026-04-06T07:00:00Z'),
      topic: 'La semaine de quatre jours ?',
    });
    const soFar = firstView(await bed.engine.run(person('d'), 'bilan'), 'weeklySummary');
    expect(soFar.nextWeekly?.topic).toBe('La semaine de quatre jours ?');
    // Without a rhythm, nothing is said of it.
    await bed.engine.run(admin, 'config rythme off');
    expect(firstView(await bed.engine.run(person('d'), 'bilan'), 'weeklySummary').nextWeekly).toBeUndefined();
  });
});
