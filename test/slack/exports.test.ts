// `/debat exporter` on Slack, as a person meets it: the real Bolt app against the fake Slack, whose
// bot token holds exactly the manifest's scopes. The file lands in the person's direct messages
// with the bot, whole; the private answer says where.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCleanly, type SlackBed, startSlackBed } from './harness.ts';

const manifest = JSON.parse(
  readFileSync(new URL('../../adapters/slack/manifest.json', import.meta.url), 'utf8'),
) as { oauth_config: { scopes: { bot: string[] } } };
const MANIFEST_SCOPES = manifest.oauth_config.scopes.bot;

let t: SlackBed;
afterEach(() => closeCleanly(t));

const start = (scopes = MANIFEST_SCOPES) => startSlackBed('http', { fake: { scopes } });

async function say(user: string, text: string) {
  const acked = await t.command(user, 'C1', text);
  expect(acked.status).toBe(200);
  await t.idle();
  return acked;
}

const csvRows = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('exporter on Slack', () => {
  it('sends the whole file to the person’s direct messages, dated in the channel’s zone', async () => {
    t = await start();
    // Tuesday 1 December 2026, 16:05 in Paris (the channel's zone by default).
    t.bed.clock.set(new Date('2026-12-01T15:05:00Z'));
    await say('UANNE', 'lancer Faut-il un open space ?');
    const long = 'x'.repeat(900);
    for (let i = 1; i <= 30; i++) await say('UANNE', `pour ${i} ${long}`);
    await say('UBOB', 'voter contre');
    const acked = await say('UBOB', 'exporter csv');
    // Nothing of the export rides in the ack or in a code block.
    expect(JSON.stringify(acked.body ?? {})).not.toContain('x'.repeat(50));

    expect(t.slack.okCalls('conversations.open').map((c) => c.args.users)).toEqual(['UBOB']);
    const [file, ...others] = t.slack.directFiles('UBOB');
    expect(others).toEqual([]);
    expect(file).toMatchObject({ filename: 'debat-1.csv', comment: 'Export du débat n° 1 (csv).' });
    // Far more than the 23,000 characters a message could show, and all of it.
    expect(file!.bytes.length).toBeGreaterThan(27_000);
    const rows = csvRows(file!.bytes);
    expect(rows[0]!.slice(8)).toEqual(['date', 'time', 'timezone', 'common_ground']);
    expect(rows.filter((row) => row[0] === 'argument')).toHaveLength(30);
    const vote = rows.find((row) => row[0] === 'vote')!;
    expect(vote.slice(3, 6)).toEqual(['con', '', 'ubob']);
    expect(vote.slice(8, 11)).toEqual(['2026-12-01', '16:05', 'Europe/Paris']);
    // The file is shared in the bot's direct conversation with Bob, and nowhere else.
    const dm = t.slack.state.ims.get('UBOB')!;
    expect(t.slack.channelMessages(dm).map((m) => m.files?.map((f) => f.name))).toEqual([['debat-1.csv']]);
    expect(t.slack.channelMessages('C1').some((m) => m.files)).toBe(false);
    expect(t.slack.privateNotes('UBOB').at(-1)?.text).toBe(
      'L’export du débat n° 1 vous attend en message privé (debat-1.csv).',
    );
  });

  it('dates an anonymous debate’s votes to the day, in no telling order', async () => {
    t = await start();
    t.bed.clock.set(new Date('2026-12-01T15:05:00Z'));
    await say('UANNE', 'lancer --anonyme Faut-il un open space ?');
    await say('UANNE', 'voter neutre');
    t.bed.clock.set(new Date('2026-12-01T15:06:00Z'));
    await say('UBOB', 'voter contre');
    t.bed.clock.set(new Date('2026-12-01T15:07:00Z'));
    await say('UCLEO', 'voter pour');
    await say('UCLEO', 'exporter csv');
    const votes = csvRows(t.slack.directFiles('UCLEO')[0]!.bytes).filter((row) => row[0] === 'vote');
    // By side, not by time; the day only; nobody named.
    expect(votes.map((row) => [row[3], row[5], ...row.slice(8, 11)])).toEqual([
      ['pro', 'votant anonyme', '2026-12-01', '', 'Europe/Paris'],
      ['con', 'votant anonyme', '2026-12-01', '', 'Europe/Paris'],
      ['neutral', 'votant anonyme', '2026-12-01', '', 'Europe/Paris'],
    ]);
    await say('UCLEO', 'exporter');
    const markdown = t.slack.directFiles('UCLEO')[1]!.bytes.toString('utf8');
    expect(markdown).toContain('Débat anonyme : les dates sont données au jour près, sans heure.');
    expect(markdown).not.toMatch(/\d\d:\d\d/);
  });

  it('answers in English, with the file in English and its times in the channel’s zone', async () => {
    t = await start();
    t.slack.setUser({ id: 'UADMIN', is_admin: true });
    t.slack.setUser({ id: 'UEVE', locale: 'en-US' });
    t.bed.clock.set(new Date('2026-12-01T15:05:00Z'));
    await say('UADMIN', 'config langue en');
    await say('UADMIN', 'config fuseau America/Toronto');
    await say('UEVE', 'open Open plan?');
    await say('UEVE', 'vote for');
    t.bed.clock.set(new Date('2026-12-01T15:30:00Z'));
    await say('UEVE', 'vote against');
    await say('UEVE', 'export');
    const [file] = t.slack.directFiles('UEVE');
    expect(file).toMatchObject({ filename: 'debat-1.md', comment: 'Export of debate #1 (markdown).' });
    const markdown = file!.bytes.toString('utf8');
    expect(markdown).toContain('# Debate #1: Open plan?');
    expect(markdown).toContain('Dates and times in the America/Toronto time zone.');
    expect(markdown).toContain('- Tue, 1 Dec 2026, 10:30 · ueve: For → Against');
    expect(t.slack.privateNotes('UEVE').at(-1)?.text).toBe(
      'The export of debate #1 is waiting for you in a direct message (debat-1.md).',
    );
  });

  it.each([
    ['im:write', 'conversations.open'],
    ['files:write', 'files.getUploadURLExternal'],
  ])('without %s the person is told the file could not be sent', async (scope, method) => {
    t = await start(MANIFEST_SCOPES.filter((s) => s !== scope));
    await say('UANNE', 'lancer Faut-il un open space ?');
    await say('UANNE', 'exporter');
    expect(t.slack.calls(method).at(-1)?.response).toMatchObject({ ok: false, error: 'missing_scope' });
    expect(t.slack.directFiles('UANNE')).toEqual([]);
    expect(t.slack.privateNotes('UANNE').at(-1)?.text).toContain(
      'Je n’ai pas pu vous envoyer l’export en message privé.',
    );
    expect(t.logger.warnings.map((w) => w.message)).toContain(
      'slack: the export could not be sent as a direct message',
    );
  });
});
