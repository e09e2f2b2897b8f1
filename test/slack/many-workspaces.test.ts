// One Slack app for many workspaces, end to end: real Bolt and its OAuth against the fake Slack,
// installs by two workspaces and one Enterprise Grid org, a debate and votes in each, tokens never
// in clear on disk, removal of one workspace while another goes on, a reinstall.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SummaryScheduler } from '../../src/summary/scheduler.ts';
import { DEFAULTS, person } from '../helpers/engine.ts';
import { buttonsIn } from './clicks.ts';
import { type ManyBed, scoreboardIn, startManyBed } from './many-harness.ts';

let bed: ManyBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const DAY = 86_400_000;

/** Clicks the vote button for `side` on the scoreboard of `channel`, as `user` of the payloads' workspace. */
function vote(t: ManyBed, payloads: ReturnType<ManyBed['as']>, user: string, channel: string, side: string) {
  const board = scoreboardIn(t.slack, channel);
  const button = buttonsIn(board.blocks).find((b) => b.action_id === `debat.vote.${side}`);
  if (!button) throw new Error(`no ${side} button in ${channel}`);
  return t.instances[0]!.client.interactive(
    payloads.blockAction({
      user,
      channel,
      messageTs: board.ts,
      actionId: button.action_id,
      value: button.value,
      blockId: button.block_id,
    }),
  );
}

describe('one Slack app for many workspaces', () => {
  it('installs for two workspaces and an org; debates and votes stay in their workspace; no token on disk', async () => {
    bed = await startManyBed();
    const t = bed;
    const alpha = await t.install({ teamId: 'TALPHA', teamName: 'alpha' });
    const beta = await t.install({ teamId: 'TBETA', teamName: 'beta' });
    const org = await t.install({ teamId: 'TORG1', enterpriseId: 'EGRID', orgWide: true });
    const client = t.instances[0]!.client;

    // A debate in each: two workspaces and a workspace of the org that did not install it itself.
    const sites = [
      { payloads: t.as(alpha), channel: 'CALPHA', topic: 'Semaine de quatre jours ?', key: 'TALPHA' },
      { payloads: t.as(beta), channel: 'CBETA', topic: 'Bureau sans papier ?', key: 'TBETA' },
      { payloads: t.as(org, 'TORG2'), channel: 'CORG', topic: 'Cantine végétarienne ?', key: 'EGRID' },
    ];
    for (const site of sites) {
      const acked = await client.command(
        site.payloads.slashCommand({ user: 'UOPEN', channel: site.channel, text: `lancer ${site.topic}` }),
      );
      expect(acked.status).toBe(200);
    }
    await t.idle();
    for (const site of sites) {
      const posts = t.slack.okCalls('chat.postMessage').filter((c) => c.args.channel === site.channel);
      expect(posts.length).toBeGreaterThan(0);
      // Each workspace is written to with its own installation's token.
      expect(new Set(posts.map((c) => c.installation))).toEqual(new Set([site.key]));
    }
    // Votes from each workspace.
    expect((await vote(t, sites[0]!.payloads, 'UA1', 'CALPHA', 'pro')).status).toBe(200);
    expect((await vote(t, sites[0]!.payloads, 'UA2', 'CALPHA', 'con')).status).toBe(200);
    expect((await vote(t, sites[1]!.payloads, 'UB1', 'CBETA', 'con')).status).toBe(200);
    expect((await vote(t, sites[2]!.payloads, 'UE1', 'CORG', 'pro')).status).toBe(200);
    await t.idle();
    const store = t.instances[0]!.store;
    const debateOf = (workspaceId: string) => store.findDebate({ platform: 'slack', workspaceId }, 1);
    expect((await debateOf('TALPHA'))?.topic).toBe(sites[0]!.topic);
    expect((await debateOf('TBETA'))?.topic).toBe(sites[1]!.topic);
    // The org's debate belongs to the workspace it was opened in, not to the org.
    expect((await debateOf('TORG2'))?.topic).toBe(sites[2]!.topic);
    expect(await debateOf('EGRID')).toBeUndefined();
    expect(await store.tally((await debateOf('TALPHA'))!.id)).toMatchObject({ pro: 1, con: 1 });
    expect(await store.tally((await debateOf('TBETA'))!.id)).toMatchObject({ pro: 0, con: 1 });
    expect(await store.tally((await debateOf('TORG2'))!.id)).toMatchObject({ pro: 1, con: 0 });
    // Scoreboard edits (started by the core, outside any request) use the debate's own token too.
    const edits = t.slack.okCalls('chat.update');
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits)
      expect(edit.installation).toBe(sites.find((s) => s.channel === edit.args.channel)!.key);

    // Neither the database nor its journal holds any token Slack issued, in clear.
    t.instances[0]!.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(t.slack.oauth.issued.length).toBe(3);
    for (const file of readdirSync(t.dir)) {
      const bytes = readFileSync(join(t.dir, file)).toString('latin1');
      for (const token of t.slack.oauth.issued) expect(bytes.includes(token), `${file}`).toBe(false);
    }

    // The org removes the app org-wide: the event names the enterprise; its workspaces stop, the others go on.
    t.slack.oauth.revoke('EGRID');
    const orgSite = sites[2]!.payloads;
    expect((await client.event(orgSite.eventCallback({ type: 'app_uninstalled' }))).status).toBe(200);
    const installations = t.instances[0]!.installations;
    expect(await installations.installation({ platform: 'slack', key: 'EGRID' })).toBeUndefined();
    expect(await installations.installation({ platform: 'slack', key: 'TALPHA' })).toBeDefined();
    const before = t.slack.calls().length;
    const refused = await client.command(
      orgSite.slashCommand({ user: 'UE1', channel: 'CORG', text: 'liste' }),
    );
    const listed = await client.command(
      sites[0]!.payloads.slashCommand({ user: 'UA1', channel: 'CALPHA', text: 'liste' }),
    );
    await t.idle();
    expect(refused.text).toBe('');
    expect(listed.text).toContain(sites[0]!.topic);
    expect(
      t.slack
        .calls()
        .slice(before)
        .filter((c) => c.installation === 'EGRID'),
    ).toEqual([]);
    for (const instance of t.instances) expect(instance.logger.errors).toEqual([]);
  });

  it('removes one workspace at once (events in any order, repeated) while another goes on; a reinstall finds its debates', async () => {
    bed = await startManyBed({ instances: 2, cacheMs: 60_000 });
    const t = bed;
    const [one, two] = t.instances as [
      NonNullable<ManyBed['instances'][0]>,
      NonNullable<ManyBed['instances'][0]>,
    ];
    const alpha = await t.install({ teamId: 'TALPHA' });
    const beta = await t.install({ teamId: 'TBETA' });
    const a = t.as(alpha);
    const b = t.as(beta);
    await one.client.command(a.slashCommand({ user: 'UA', channel: 'CALPHA', text: 'lancer Sujet A' }));
    await two.client.command(b.slashCommand({ user: 'UB', channel: 'CBETA', text: 'lancer Sujet B' }));
    // Both instances have alpha's installation cached.
    await two.client.command(a.slashCommand({ user: 'UA', channel: 'CALPHA', text: 'aide' }));
    await t.idle();

    // A person's own token revoked (not the bot's) removes nothing.
    await one.client.event(a.eventCallback({ type: 'tokens_revoked', tokens: { oauth: ['UA'], bot: [] } }));
    expect(await one.installations.installation({ platform: 'slack', key: 'TALPHA' })).toBeDefined();

    // Alpha removes the app: Slack revokes its token and sends both events, in either order, twice.
    t.slack.oauth.revoke('TALPHA');
    const revoked = a.eventCallback({
      type: 'tokens_revoked',
      tokens: { oauth: [], bot: [alpha.botUserId] },
    });
    const uninstalled = a.eventCallback({ type: 'app_uninstalled' });
    for (const body of [revoked, uninstalled, uninstalled, revoked])
      expect((await one.client.event(body)).status).toBe(200);
    expect(await one.installations.installation({ platform: 'slack', key: 'TALPHA' })).toBeUndefined();

    // The other instance, whose cache still held alpha, uses it no more: no call with alpha's token.
    const callsBefore = t.slack.calls().length;
    await two.client.command(a.slashCommand({ user: 'UA', channel: 'CALPHA', text: 'lancer Encore ?' }));
    await one.client.command(a.slashCommand({ user: 'UA', channel: 'CALPHA', text: 'liste' }));
    await t.idle();
    expect(
      t.slack
        .calls()
        .slice(callsBefore)
        .filter((c) => c.installation === 'TALPHA'),
    ).toEqual([]);
    expect(await one.store.findDebate({ platform: 'slack', workspaceId: 'TALPHA' }, 2)).toBeUndefined();

    // Beta goes on, on both instances.
    expect((await vote(t, b, 'UB2', 'CBETA', 'pro')).status).toBe(200);
    await two.client.command(b.slashCommand({ user: 'UB', channel: 'CBETA', text: 'lancer Deuxième ?' }));
    await t.idle();
    expect((await one.store.findDebate({ platform: 'slack', workspaceId: 'TBETA' }, 2))?.topic).toBe(
      'Deuxième ?',
    );

    // A reinstall within the retention period finds alpha's debate, and works at once on both instances.
    const again = await t.install({ teamId: 'TALPHA' }, two);
    const a2 = t.as(again);
    await one.client.command(a2.slashCommand({ user: 'UA', channel: 'CALPHA', text: 'lancer Retour ?' }));
    await t.idle();
    expect((await one.store.findDebate({ platform: 'slack', workspaceId: 'TALPHA' }, 1))?.topic).toBe(
      'Sujet A',
    );
    expect((await one.store.findDebate({ platform: 'slack', workspaceId: 'TALPHA' }, 2))?.topic).toBe(
      'Retour ?',
    );
    const latest = t.slack
      .okCalls('chat.postMessage')
      .filter((c) => c.args.channel === 'CALPHA')
      .at(-1);
    expect(latest?.token).toBe(again.token);

    // Removed for good: an instance started after the retention period erases alpha's debates, not beta's.
    await one.client.event({ ...uninstalled, event_id: 'EvAgain' });
    const later = new Date(one.clock.now().getTime() + 31 * DAY);
    const three = await t.addInstance({ start: later });
    expect(await three.store.findDebate({ platform: 'slack', workspaceId: 'TALPHA' }, 1)).toBeUndefined();
    expect(await three.store.findDebate({ platform: 'slack', workspaceId: 'TBETA' }, 1)).toBeDefined();
    // A shorter retention, set by the operator, is read from DEBAT_RETENTION_AFTER_UNINSTALL.
    // (Beta removes the app on the instance whose clock stands 31 days later: 2 hours before the next start.)
    await three.client.event(b.eventCallback({ type: 'app_uninstalled' }));
    await t.addInstance({
      env: { DEBAT_RETENTION_AFTER_UNINSTALL: '1h' },
      start: new Date(later.getTime() + 2 * 3_600_000),
    });
    expect(await three.store.findDebate({ platform: 'slack', workspaceId: 'TBETA' }, 1)).toBeUndefined();
    for (const instance of t.instances) expect(instance.logger.errors).toEqual([]);
  });

  it('posts each workspace’s weekly summary, and its chart, with that workspace’s own token', async () => {
    bed = await startManyBed();
    const t = bed;
    await t.install({ teamId: 'TALPHA' });
    await t.install({ teamId: 'EGRID', enterpriseId: 'EGRID', orgWide: true });
    const { engine, clock, store, adapter } = t.instances[0]!;
    const org = t.slack.oauth.grant(t.slack.oauth.issued.at(-1)!)!;
    // The org's workspace is known once a request came from it.
    await t.instances[0]!.client.command(
      t.as(org, 'TORG2').slashCommand({ user: 'UE', channel: 'CORG', text: 'aide' }),
    );
    clock.set(new Date('2026-11-24T09:00:00Z'));
    for (const [workspace, channel] of [
      ['TALPHA', 'CALPHA'],
      ['TORG2', 'CORG'],
    ] as const) {
      const who = person('U1', { workspace, channel });
      await engine.run(who, `lancer Sujet de ${workspace}`);
      await engine.run(who, 'voter pour');
    }
    clock.set(new Date('2026-11-27T15:00:00Z')); // Friday 16:00 in Paris
    const scheduler = new SummaryScheduler({
      store,
      clock,
      logger: t.instances[0]!.logger,
      defaults: DEFAULTS,
      publisherFor: (platform) => (platform === 'slack' ? adapter.publisher : undefined),
    });
    const results = await scheduler.runOnce();
    expect(results.filter((r) => r.outcome === 'posted')).toHaveLength(2);
    for (const [channel, installation, own, other] of [
      ['CALPHA', 'TALPHA', 'Sujet de TALPHA', 'Sujet de TORG2'],
      ['CORG', 'EGRID', 'Sujet de TORG2', 'Sujet de TALPHA'],
    ] as const) {
      const posts = t.slack.okCalls('chat.postMessage').filter((c) => c.args.channel === channel);
      expect(posts.map((c) => c.installation)).toEqual([installation]); // the summary
      const text = JSON.stringify(posts[0]!.args);
      expect(text).toContain(own);
      expect(text).not.toContain(other);
      const uploads = t.slack
        .okCalls('files.completeUploadExternal')
        .filter((c) => c.installation === installation);
      expect(uploads).toHaveLength(1);
    }
    for (const instance of t.instances) expect(instance.logger.errors).toEqual([]);
  });

  it('shows the install pages in French then English, and checks the state before trading the code', async () => {
    bed = await startManyBed();
    const t = bed;
    const base = t.instances[0]!.base;
    const page = await (await fetch(`${base}/slack/install`)).text();
    expect(page).toContain('<h1>Ajouter Débat à Slack</h1>');
    expect(page).toContain('<h1>Add Débat to Slack</h1>');
    expect(page.indexOf('Ajouter à Slack')).toBeLessThan(page.indexOf('Add to Slack'));
    // A redirect whose state was never issued (or from another browser): refused, no code traded.
    const code = t.slack.oauth.approve({ teamId: 'TALPHA' });
    for (const query of [`code=${code}&state=forged`, `code=${code}`]) {
      const answer = await fetch(`${base}/slack/oauth_redirect?${query}`);
      expect(answer.status).toBe(400);
      const html = await answer.text();
      expect(html).toContain('L’installation n’a pas abouti');
      expect(html).toContain('The installation did not go through');
      expect(html).toContain('href="/slack/install"');
    }
    expect(t.slack.calls('oauth.v2.access')).toEqual([]);
    expect(
      await t.instances[0]!.installations.installation({ platform: 'slack', key: 'TALPHA' }),
    ).toBeUndefined();
    // Through the page, it works, and the last page says how to start.
    await t.install({ teamId: 'TALPHA' });
    expect(
      await t.instances[0]!.installations.installation({ platform: 'slack', key: 'TALPHA' }),
    ).toBeDefined();
  });

  it('refreshes a rotating token once, with two instances racing, and no request fails', async () => {
    // Tokens last 12 hours; the install's first one has 10 minutes left (within the 2 hours
    // before expiry in which it is refreshed), as if installed long ago.
    bed = await startManyBed({ instances: 2, rotateAfterSec: 43_200, installExpiresInSec: 600 });
    const t = bed;
    const alpha = await t.install({ teamId: 'TALPHA' });
    const a = t.as(alpha);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.instances[i % 2]!.client.command(
          a.slashCommand({ user: `U${i}`, channel: 'CALPHA', text: 'aide' }),
        ),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).not.toBe('');
    }
    await t.idle();
    expect(t.slack.oauth.refreshes).toEqual([{ refreshToken: expect.stringMatching(/^xoxe-1-/), ok: true }]);
    // Later requests on either instance use the new token, with no further refresh.
    for (const instance of t.instances)
      await instance.client.command(
        a.slashCommand({ user: 'UL', channel: 'CALPHA', text: 'lancer Après ?' }),
      );
    await t.idle();
    const newest = t.slack.oauth.issued.filter((x) => x.startsWith('xoxb-')).at(-1);
    const posts = t.slack.okCalls('chat.postMessage').filter((c) => c.args.channel === 'CALPHA');
    expect(posts.at(-1)?.token).toBe(newest);
    expect(t.slack.oauth.refreshes).toHaveLength(1);
    expect(t.slack.calls().filter((c) => c.response?.ok === false)).toEqual([]);
    // Old and new access and refresh tokens: none in clear in the database or its journal.
    expect(t.slack.oauth.issued).toHaveLength(4);
    t.instances[0]!.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(t.dir)) {
      const bytes = readFileSync(join(t.dir, file)).toString('latin1');
      for (const token of t.slack.oauth.issued) expect(bytes.includes(token), file).toBe(false);
    }
    for (const instance of t.instances) expect(instance.logger.errors).toEqual([]);
  });
});
