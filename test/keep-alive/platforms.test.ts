// The reminder and the balance nudge as people see them: posted by the core's sweep through the
// real Slack, Discord and terminal adapters, on the day Paris leaves summer time.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTerminalAdapter } from '../../adapters/terminal/index.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { HttpRoutes } from '../../src/http-routes.ts';
import { alice, bob, type DiscordBed, startDiscordBed, textOf } from '../discord/harness.ts';
import { testEngine } from '../helpers/engine.ts';
import { closeCleanly, openDebate, type SlackBed, startSlackBed } from '../slack/harness.ts';

// Saturday 24 October 2026, 12:00 in Paris; a two-day debate is reminded on Sunday, the DST day.
const SATURDAY = new Date('2026-10-24T10:00:00Z');
const SUNDAY_REMINDER = new Date('2026-10-25T10:00:00Z');
const json = (value: unknown): string => JSON.stringify(value ?? null);

describe('Slack', () => {
  let t: SlackBed;
  afterEach(() => closeCleanly(t));

  it('posts the reminder in the channel with the tally, the end in Paris time and the vote buttons; hidden stays hidden', async () => {
    t = await startSlackBed('http');
    t.bed.clock.set(SATURDAY);
    await openDebate(t, '--duree 2j --masque Le télétravail rend-il plus heureux ?');
    await t.command('U2', 'C1', 'voter pour');
    t.bed.clock.set(SUNDAY_REMINDER);
    await t.bed.engine.sweep();
    await t.bed.engine.sweep();
    await t.idle();
    const posted = t.slack.channelMessages('C1').filter((m) => json(m.blocks).includes('Rappel'));
    expect(posted).toHaveLength(1);
    const blocks = json(posted[0]?.blocks);
    expect(blocks).toContain('⏳ Rappel : le débat n° 1 se termine bientôt.');
    expect(blocks).toContain('Pour voter : /debat voter pour|contre|neutre #1');
    // Monday 26 October 10:00 UTC is 11:00 in Paris once summer time is over.
    expect(blocks).toContain('Se termine le lun. 26 oct., 11:00');
    expect(blocks).toContain('debat.vote.pro');
    expect(blocks).toContain('Résultats masqués');
    expect(blocks).not.toContain('1 (100 %)');
  });

  it('posts the balance nudge once, in the channel’s language, naming nobody', async () => {
    t = await startSlackBed('http');
    t.bed.clock.set(SATURDAY);
    t.slack.setUser({ id: 'UADMIN', is_admin: true });
    await t.command('UADMIN', 'C1', 'config langue en');
    await t.idle();
    await openDebate(t, '--anonyme Four-day week?');
    for (const n of [1, 2, 3]) await t.command('U2', 'C1', `pour Reason ${n}`);
    t.bed.clock.set(new Date(SATURDAY.getTime() + 2 * 3_600_000));
    await t.bed.engine.sweep();
    await t.bed.engine.sweep();
    await t.idle();
    const nudges = t.slack.channelMessages('C1').filter((m) => json(m).includes('Nobody has argued'));
    expect(nudges).toHaveLength(1);
    expect(json(nudges[0])).toContain('Nobody has argued against it yet — anyone?');
    expect(json(nudges[0])).not.toMatch(/u2|U2/);
  });

  it('posts the balance nudge five minutes later when Slack failed it, and once', async () => {
    t = await startSlackBed('http');
    t.bed.clock.set(SATURDAY);
    await openDebate(t, 'La semaine de quatre jours ?');
    for (const n of [1, 2, 3]) await t.command('U2', 'C1', `pour Raison ${n}`);
    await t.idle();
    const nudges = () =>
      t.slack.channelMessages('C1').filter((m) => json(m).includes('Personne n’a encore défendu'));
    const sweepAt = async (minutes: number) => {
      t.bed.clock.set(new Date(SATURDAY.getTime() + 2 * 3_600_000 + minutes * 60_000));
      await t.bed.engine.sweep();
      await t.idle();
    };
    t.slack.fault('chat.postMessage', { kind: 'http_error', status: 500, times: 4 });
    await sweepAt(0);
    t.slack.clearFaults('chat.postMessage');
    expect(nudges()).toHaveLength(0);
    // Within its claim: not yet.
    await sweepAt(2);
    expect(nudges()).toHaveLength(0);
    // Once the claim is old: posted, then never again.
    await sweepAt(6);
    await sweepAt(12);
    expect(nudges()).toHaveLength(1);
  });
});

describe('Discord', () => {
  let t: DiscordBed;
  afterEach(() => t.close());

  it('posts the reminder with its heading, the tally and the vote buttons; the nudge in French', async () => {
    t = await startDiscordBed();
    t.bed.clock.set(SATURDAY);
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Réunions le vendredi ?', duree: '2j' }));
    for (const n of [1, 2, 3]) await t.answer(t.fake.slash(bob, 'contre', { argument: `Raison ${n}` }));
    t.bed.clock.set(SUNDAY_REMINDER);
    await t.bed.engine.sweep();
    await t.bed.engine.sweep();
    const posts = t.fake.rest.filter((c) => c.route === 'messageCreate');
    const reminder = posts.filter((c) => textOf(c.body).includes('Rappel'));
    expect(reminder).toHaveLength(1);
    expect(textOf(reminder[0]?.body)).toContain('⏳ Rappel : le débat n° 1 se termine bientôt.');
    expect(textOf(reminder[0]?.body)).toContain('Pour voter : /debat voter pour|contre|neutre #1');
    expect(json(reminder[0]?.body)).toContain('db:v:1:p');
    const nudge = posts.filter((c) => textOf(c.body).includes('Personne n’a encore défendu'));
    expect(nudge).toHaveLength(1);
    expect(textOf(nudge[0]?.body)).toContain('Personne n’a encore défendu le pour — quelqu’un se lance ?');
  });
});

describe('terminal', () => {
  it('prints the reminder and the nudge in the channel, in English too', async () => {
    const bed = await testEngine({ start: SATURDAY });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const adapter = await createTerminalAdapter({ input, output, interactive: false })({
      config: loadConfig({ DEBAT_USER: 'Paul', DEBAT_LOG_LEVEL: 'warn' }),
      engine: bed.engine,
      logger: silentLogger,
      clock: bed.clock,
      http: new HttpRoutes(silentLogger),
      requestShutdown: () => {},
    });
    bed.engine.registerPublisher('terminal', adapter.publisher);
    try {
      await adapter.start();
      const inv = { platform: 'terminal' as const, workspaceId: 'local', channelId: 'general' };
      const paul = { ...inv, user: { id: 'Paul', name: 'Paul', isAdmin: true } };
      await bed.engine.run(paul, 'config langue en');
      await bed.engine.run(paul, 'open --duration 2d --hidden Open office?');
      for (const n of [1, 2, 3]) await bed.engine.run(paul, `pro Reason ${n}`);
      bed.clock.set(SUNDAY_REMINDER);
      await bed.engine.sweep();
      await bed.engine.sweep();
      expect(printed.match(/Reminder: debate #1 ends soon/g)).toHaveLength(1);
      expect(printed).toContain('To vote: /debat vote for|against|neutral #1');
      expect(printed).toContain('Ends on Mon 26 Oct, 11:00');
      expect(printed.match(/Nobody has argued against it yet — anyone\?/g)).toHaveLength(1);
    } finally {
      input.end();
      await adapter.stop();
      await bed.cleanup();
    }
  });
});
