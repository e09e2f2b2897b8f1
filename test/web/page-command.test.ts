import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse.ts';
import { t } from '../../src/i18n/translate.ts';
import { person } from '../helpers/engine.ts';
import { type PageBed, pageBed } from './bed.ts';

const opener = person('U1');
const member = person('U2');
const admin = person('U9', { admin: true });
const elsewhere = person('U1', { channel: 'C2' });

describe('/debat page', () => {
  let bed: PageBed;
  beforeEach(async () => {
    bed = await pageBed();
    await bed.run(opener, 'lancer Faut-il un open space ?');
  });
  afterEach(() => bed.cleanup());

  it('answers privately with a link under DEBAT_PUBLIC_URL that opens the debate', async () => {
    const outcome = await bed.run(member, 'page');
    expect(outcome.replies).toHaveLength(1);
    const reply = outcome.replies[0]!;
    expect(reply.visibility).toBe('private');
    expect(reply.view).toMatchObject({ kind: 'notice', key: 'page.link', params: { debate: 1 } });
    const url = reply.view.kind === 'notice' ? String(reply.view.params.url) : '';
    expect(url).toMatch(new RegExp(`^${bed.base}/d/[A-Za-z0-9_-]{43}$`));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Faut-il un open space ?');
    // The same link for everyone until it is revoked.
    expect(await bed.linkOf(opener, 'page #1')).toBe(url);
  });

  it('from another channel answers exactly like a debate that does not exist', async () => {
    const other = await bed.run(elsewhere, 'page #1');
    // The same person in a workspace where no debate #1 exists at all.
    const missing = await bed.run(person('U1', { workspace: 'T3', channel: 'C2' }), 'page #1');
    await bed.run(person('U3', { channel: 'C2' }), 'lancer Un autre sujet');
    const unknown = await bed.run(opener, 'page #7');
    expect(other.replies[0]!.view).toEqual({
      kind: 'error',
      error: { code: 'debate.not_found', params: { debate: 1 } },
    });
    expect(missing.replies).toEqual(other.replies);
    expect(unknown.replies[0]!.view).toEqual({
      kind: 'error',
      error: { code: 'debate.not_found', params: { debate: 7 } },
    });
    // Another workspace's number 1 is not this one's either.
    const otherWorkspace = await bed.run(person('U1', { workspace: 'T2' }), 'page #1');
    expect(otherWorkspace.replies[0]!.view).toMatchObject({
      kind: 'error',
      error: { code: 'debate.not_found' },
    });
  });

  it('revoquer: only the opener or an admin; old links then get the 404, the new one works', async () => {
    const before = await bed.linkOf(member);
    const refused = await bed.run(member, 'page revoquer');
    expect(refused.replies[0]!.view).toEqual({ kind: 'error', error: { code: 'rights.page' } });
    expect((await fetch(before)).status).toBe(200);

    const revoked = await bed.run(opener, 'page revoquer');
    expect(revoked.replies[0]!.view).toMatchObject({
      kind: 'notice',
      key: 'page.revoked',
      params: { debate: 1 },
    });
    // The scoreboard carries the link: it is refreshed.
    expect(revoked.refresh.map((r) => r.number)).toEqual([1]);
    const after = await bed.linkOf(member);
    expect(after).not.toBe(before);
    const old = await fetch(before);
    expect(old.status).toBe(404);
    expect((await fetch(after)).status).toBe(200);

    const byAdmin = await bed.linkOf(admin, 'page revoke #1');
    expect(byAdmin).not.toBe(after);
    expect((await fetch(after)).status).toBe(404);
    expect((await fetch(byAdmin)).status).toBe(200);
  });

  it('a closed debate still has its page: by its number, and without one while nothing else is open', async () => {
    await bed.run(opener, 'clore');
    const byNumber = await bed.linkOf(member, 'page #1');
    expect((await fetch(byNumber)).status).toBe(200);
    expect(await bed.linkOf(member, 'page')).toBe(byNumber);
    // A debate opened since: `page` alone is about it.
    await bed.run(opener, 'lancer Un autre sujet');
    expect((await bed.run(member, 'page')).replies[0]!.view).toMatchObject({ params: { debate: 2 } });
  });

  it('the live scoreboard, the App Home and the week so far link to the page', async () => {
    const url = await bed.linkOf(member);
    const live = await bed.engine.liveScoreboard(opener, 1);
    expect(live?.view).toMatchObject({ kind: 'scoreboard', pageUrl: url });
    const home = await bed.engine.personalDebates({
      platform: 'slack',
      workspaceId: 'T1',
      user: opener.user,
    });
    expect(home.items.map((item) => item.pageUrl)).toEqual([url]);
    bed.clock.advance(60_000);
    await bed.run(member, 'voter pour');
    bed.clock.advance(60_000);
    const week = (await bed.run(member, 'bilan')).replies[0]!.view;
    expect(week.kind === 'weeklySummary' && week.debates.map((d) => d.pageUrl)).toEqual([url]);
  });
});

describe('/debat page without DEBAT_PUBLIC_URL', () => {
  it('says how to set it, in both languages, and gives no link', async () => {
    const bed = await pageBed({ publicUrl: false });
    try {
      await bed.run(opener, 'lancer Sujet');
      const outcome = await bed.run(opener, 'page');
      expect(outcome.replies[0]!.view).toEqual({
        kind: 'notice',
        key: 'page.no_public_url',
        params: { debate: 1, url: '' },
      });
      for (const language of ['fr', 'en'] as const)
        expect(t(language, 'page.no_public_url')).toContain('DEBAT_PUBLIC_URL');
      expect((await bed.engine.liveScoreboard(opener, 1))?.view).toMatchObject({ pageUrl: undefined });
      // Revoking still voids the links, which a later address would otherwise bring back.
      expect((await bed.run(opener, 'page revoquer')).replies[0]!.view).toMatchObject({
        key: 'page.revoked_no_url',
      });
    } finally {
      await bed.cleanup();
    }
  });
});

describe('the grammar of page', () => {
  it.each([
    ['page', { kind: 'page', revoke: false, debate: undefined }],
    ['page #3', { kind: 'page', revoke: false, debate: 3 }],
    ['lien 3', { kind: 'page', revoke: false, debate: 3 }],
    ['/debat page revoquer', { kind: 'page', revoke: true, debate: undefined }],
    ['page révoquer #2', { kind: 'page', revoke: true, debate: 2 }],
    ['link --revoke', { kind: 'page', revoke: true, debate: undefined }],
  ])('reads "%s"', (line, command) => {
    expect(parseCommand(line)).toEqual({ ok: true, value: command });
  });

  it('refuses another word', () => {
    expect(parseCommand('page demain')).toMatchObject({ ok: false, error: { code: 'parse.bad_debate' } });
  });
});
