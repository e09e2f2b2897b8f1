// The debate of the week as people meet it: the queue through the real Slack, Discord and terminal
// adapters, and the weekly opening posted by the core's sweep on the Monday after Paris moves to
// summer time (30 March 2026, 09:00 in Paris = 07:00 UTC).
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTerminalAdapter } from '../../adapters/terminal/index.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import {
  alice,
  bob,
  carol,
  type DiscordBed,
  moderator,
  startDiscordBed,
  textOf,
} from '../discord/harness.ts';
import { testEngine } from '../helpers/engine.ts';
import { closeCleanly, type SlackBed, startSlackBed } from '../slack/harness.ts';

const WEDNESDAY = new Date('2026-03-25T10:00:00Z');
const MONDAY_NINE = new Date('2026-03-30T07:00:00Z');
const json = (value: unknown): string => JSON.stringify(value ?? null);

describe('Slack', () => {
  let t: SlackBed;
  afterEach(() => closeCleanly(t));

  it('proposes, endorses and lists topics; the most endorsed opens on Monday with its buttons', async () => {
    t = await startSlackBed('http');
    t.bed.clock.set(WEDNESDAY);
    t.slack.setUser({ id: 'UADMIN', is_admin: true });
    await t.command('U1', 'C1', 'sujets proposer La semaine de <b>quatre</b> jours ?');
    await t.command('U2', 'C1', 'sujets proposer Le bureau ouvert ?');
    const endorsed = await t.command('U3', 'C1', 'sujets appuyer 2');
    expect(json(endorsed.body)).toContain('Vous appuyez le sujet n° 2.');
    await t.command('UADMIN', 'C1', 'config rythme lundi 9h --duree 5j');
    await t.idle();
    const listed = await t.command('U3', 'C1', 'sujets');
    const list = json(listed.body);
    expect(list).toContain('Sujets proposés pour le débat de la semaine');
    expect(list).toContain('n° 2 · Le bureau ouvert ?');
    expect(list).toContain('&lt;b&gt;quatre&lt;/b&gt;');
    expect(list).toContain(
      'Le plus appuyé s’ouvre le lundi à 09:00 pour 5 jours. Prochain : lun. 30 mars, 09:00.',
    );
    await t.idle();
    // The proposal was announced in the channel.
    expect(t.slack.channelMessages('C1').some((m) => json(m.blocks).includes('Sujet n° 2 proposé'))).toBe(
      true,
    );
    t.bed.clock.set(MONDAY_NINE);
    await t.bed.engine.sweep();
    await t.bed.engine.sweep();
    await t.idle();
    // Posted with its heading (the live scoreboard's later edits show the tally as it moves).
    const opened = t.slack
      .okCalls('chat.postMessage')
      .filter((c) => json(c.args).includes('Le débat de la semaine'))
      .map((c) => c.args as { blocks?: unknown });
    expect(opened).toHaveLength(1);
    expect(json(opened[0]?.blocks)).toContain('Débat n° 1 : Le bureau ouvert ?');
    expect(json(opened[0]?.blocks)).toContain('debat.vote.pro');
    // A vote moves the live scoreboard; the edit keeps the heading.
    const board = t.slack
      .okCalls('chat.postMessage')
      .find((c) => json(c.args).includes('Le débat de la semaine'))!;
    await t.command('U4', 'C1', 'voter pour #1');
    await t.idle();
    const edits = t.slack
      .okCalls('chat.update')
      .filter((c) => (c.args as { ts?: string }).ts === (board.response as { ts?: string }).ts);
    expect(edits.length).toBeGreaterThan(0);
    expect(json(edits.at(-1)?.args)).toContain('Le débat de la semaine');
    expect(json(edits.at(-1)?.args)).toContain('1 votant');
    // The week so far names the next one, the topic as typed and escaped.
    t.bed.clock.set(new Date(MONDAY_NINE.getTime() + 60_000));
    const week = json((await t.command('U4', 'C1', 'bilan')).body);
    expect(week).toContain(
      '📅 Prochain débat de la semaine, le lun. 6 avr., 09:00 : « La semaine de &lt;b&gt;quatre&lt;/b&gt; jours ? »',
    );
  });

  it('posts the debate of the week again when Slack refused the opening post, once, and keeps it live', async () => {
    t = await startSlackBed('http');
    t.bed.clock.set(WEDNESDAY);
    t.slack.setUser({ id: 'UADMIN', is_admin: true });
    await t.command('U1', 'C1', 'sujets proposer Le bureau ouvert ?');
    await t.command('UADMIN', 'C1', 'config rythme lundi 9h --duree 5j');
    await t.idle();
    const weekly = () =>
      t.slack.okCalls('chat.postMessage').filter((c) => json(c.args).includes('Le débat de la semaine'));
    // Monday 09:00: the debate opens, but Slack fails the post.
    t.slack.fault('chat.postMessage', { kind: 'http_error', status: 500, times: 4 });
    t.bed.clock.set(MONDAY_NINE);
    await t.bed.engine.sweep();
    await t.idle();
    t.slack.clearFaults('chat.postMessage');
    expect(weekly()).toHaveLength(0);
    // The next sweeps, within the opening's claim, leave it to the instance that opened it.
    t.bed.clock.set(new Date(MONDAY_NINE.getTime() + 60_000));
    await t.bed.engine.sweep();
    await t.idle();
    expect(weekly()).toHaveLength(0);
    // Once that claim is old, the sweep posts it, with its heading, once.
    t.bed.clock.set(new Date(MONDAY_NINE.getTime() + 6 * 60_000));
    await t.bed.engine.sweep();
    await t.bed.engine.sweep();
    await t.idle();
    expect(weekly()).toHaveLength(1);
    expect(json(weekly()[0]?.args)).toContain('Débat n° 1 : Le bureau ouvert ?');
    // It is the live scoreboard: a vote edits it.
    const ts = (weekly()[0]!.response as { ts?: string }).ts;
    await t.command('U4', 'C1', 'voter pour #1');
    await t.idle();
    const edits = t.slack.okCalls('chat.update').filter((c) => (c.args as { ts?: string }).ts === ts);
    expect(json(edits.at(-1)?.args)).toContain('1 votant');
  });
});

describe('Discord', () => {
  let t: DiscordBed;
  afterEach(() => t.close());

  it('the sujets subcommand and config’s rythme option; the weekly opening in the channel', async () => {
    t = await startDiscordBed();
    t.bed.clock.set(WEDNESDAY);
    await t.answer(t.fake.slash(alice, 'sujets', { proposer: 'Réunions le vendredi ?' }));
    await t.answer(t.fake.slash(bob, 'sujets', { proposer: 'Four-day week?' }));
    const endorsed = await t.answer(t.fake.slash(carol, 'sujets', { appuyer: 2 }));
    expect(textOf(endorsed.body)).toContain('Vous appuyez le sujet n° 2.');
    const refused = await t.answer(t.fake.slash(carol, 'sujets', { retirer: 1 }));
    expect(textOf(refused.body)).toContain('Seuls l’auteur du sujet et les admins peuvent le retirer.');
    await t.answer(t.fake.slash(moderator, 'config', { rythme: 'lundi 9h --duree 5j' }));
    await t.answer(t.fake.slash(moderator, 'config', { fil: 'on' }));
    const list = await t.answer(t.fake.slash(bob, 'sujets', {}));
    expect(textOf(list.body)).toContain('Topics proposed for the debate of the week');
    expect(textOf(list.body)).toContain('#2 · Four-day week? (1 endorsement, by bob)');
    t.bed.clock.set(MONDAY_NINE);
    await t.bed.engine.sweep();
    await t.bed.engine.sweep();
    const posts = t.fake.rest.filter(
      (c) => c.route === 'messageCreate' && textOf(c.body).includes('débat de la semaine'),
    );
    expect(posts).toHaveLength(1);
    expect(textOf(posts[0]?.body)).toContain('Four-day week?');
    expect(json(posts[0]?.body)).toContain('db:v:1:p');
    // With a thread per debate, the debate of the week gets its thread like any other.
    const [thread] = t.fake.rest.filter('threadFromMessage');
    expect(thread?.body).toMatchObject({ name: 'Débat n° 1 : Four-day week?' });
  });
});

describe('terminal', () => {
  it('lists the queue and prints the weekly opening, in English too', async () => {
    const bed = await testEngine({ start: WEDNESDAY });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const adapter = await createTerminalAdapter({ input, output, interactive: false })({
      config: loadConfig({ DEBAT_USER: 'Paul', DEBAT_LOG_LEVEL: 'warn', DEBAT_TIMEZONE: 'Europe/Paris' }),
      engine: bed.engine,
      logger: silentLogger,
      clock: bed.clock,
      http: new HttpRoutes(silentLogger),
      requestShutdown: () => {},
    });
    bed.engine.registerPublisher('terminal', adapter.publisher);
    try {
      await adapter.start();
      const scope = { platform: 'terminal' as const, workspaceId: 'local', channelId: 'general' };
      const as = (id: string, isAdmin = false) => ({ ...scope, user: { id, name: id, isAdmin } });
      await bed.engine.run(as('Paul', true), 'config langue en');
      await bed.engine.run(as('Paul', true), 'settings rhythm monday 9am --duration 3d');
      await bed.engine.run(as('Manon'), 'topics propose Open office?');
      await bed.engine.run(as('Paul', true), 'topics endorse 1');
      const listed = await bed.engine.run(as('Paul', true), 'topics');
      for (const reply of listed.replies) await adapter.publisher.post(scope, reply);
      expect(printed).toContain('Topics proposed for the debate of the week');
      expect(printed).toContain('#1 · Open office? (1 endorsement, by Manon, ★)');
      expect(printed).toContain(
        'The most endorsed opens on Monday at 09:00 for 3 days. Next: Mon 30 Mar, 09:00.',
      );
      bed.clock.set(MONDAY_NINE);
      await bed.engine.sweep();
      await bed.engine.sweep();
      expect(
        printed.match(/📅 The debate of the week: the most endorsed topic of this channel\./g),
      ).toHaveLength(1);
      expect(printed).toContain('Debate #1: Open office?');
      expect(printed).toContain('Ends on Thu 2 Apr, 09:00');
    } finally {
      input.end();
      await adapter.stop();
      await bed.cleanup();
    }
  });
});
