// `/debat exporter` on Discord, as a person meets it: the real discord.js against the fake Discord.
// The file is an attachment of the private (ephemeral) answer, sent as multipart; the fake keeps
// its bytes, so the test reads the file the person would download.
import { afterEach, describe, expect, it } from 'vitest';
import { type Payload, postInteraction } from '../fakes/discord/index.ts';
import { alice, bob, carol, type DiscordBed, startDiscordBed } from './harness.ts';

let t: DiscordBed;
afterEach(() => t.close());

interface Attachment {
  id: string;
  filename: string;
  size: number;
  content_type?: string;
}

/** The private answer's message of an interaction, and its one attached file as text. */
function answeredFile(payload: Payload): { flags: number; content: string; filename: string; text: string } {
  const id = t.fake.state.interactions.get(payload.id)?.originalMessageId;
  const message = id ? t.fake.state.messages.get(id) : undefined;
  if (!message) throw new Error('no answer');
  const [file, ...more] = message.attachments as Attachment[];
  expect(more).toEqual([]);
  const bytes = t.fake.state.attachmentData.get(file!.id)!;
  expect(bytes.length).toBe(file!.size);
  return {
    flags: message.flags,
    content: message.content,
    filename: file!.filename,
    text: bytes.toString('utf8'),
  };
}

const rows = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('exporter on Discord', () => {
  it('answers privately with the file attached, dated in the channel’s zone, in each person’s language', async () => {
    t = await startDiscordBed();
    // Tuesday 1 December 2026, 16:05 in Paris (DEBAT_TIMEZONE of the bed).
    t.bed.clock.set(new Date('2026-12-01T15:05:00Z'));
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Faut-il du café ?' }));
    await t.answer(t.fake.slash(alice, 'pour', { argument: 'Le café réveille' }));
    await t.answer(t.fake.slash(bob, 'voter', { cote: 'contre' }));
    t.bed.clock.set(new Date('2026-12-01T15:20:00Z'));
    await t.answer(t.fake.slash(bob, 'voter', { cote: 'pour' }));

    const csv = t.fake.slash(alice, 'exporter', { format: 'csv' });
    const call = await t.answer(csv);
    // One multipart request, as discord.js sends it: the JSON in payload_json, the file beside it.
    expect(call.files).toEqual([
      expect.objectContaining({ filename: 'debat-1.csv', contentType: 'text/csv' }),
    ]);
    const fr = answeredFile(csv);
    expect(fr).toMatchObject({ flags: 64, content: 'Export du débat n° 1 (csv).', filename: 'debat-1.csv' });
    const table = rows(fr.text);
    expect(table[0]).toEqual([
      'record',
      'debate',
      'number',
      'side',
      'text',
      'person',
      'endorsements',
      'deltas',
      'date',
      'time',
      'timezone',
      'common_ground',
    ]);
    expect(table.find((row) => row[0] === 'argument')?.slice(8, 11)).toEqual([
      '2026-12-01',
      '16:05',
      'Europe/Paris',
    ]);
    expect(table.find((row) => row[0] === 'vote')?.slice(8, 11)).toEqual([
      '2026-12-01',
      '16:20',
      'Europe/Paris',
    ]);

    const markdown = t.fake.slash(bob, 'exporter', { format: 'markdown' });
    await t.answer(markdown);
    const en = answeredFile(markdown);
    expect(en).toMatchObject({
      flags: 64,
      content: 'Export of debate #1 (markdown).',
      filename: 'debat-1.md',
    });
    expect(en.text).toContain('Dates and times in the Europe/Paris time zone.');
    expect(en.text).toContain('- Tue, 1 Dec 2026, 16:20 · bob: Against → For');
    // Nothing of it in the channel.
    expect(t.fake.messagesIn().some((m) => m.attachments.length > 0)).toBe(false);
  });

  it('gives an anonymous debate’s votes their day only, and names nobody', async () => {
    t = await startDiscordBed();
    t.bed.clock.set(new Date('2026-12-01T15:05:00Z'));
    await t.answer(t.fake.slash(alice, 'lancer', { sujet: 'Secret ?', anonyme: true }));
    await t.answer(t.fake.slash(bob, 'voter', { cote: 'neutre' }));
    t.bed.clock.set(new Date('2026-12-01T15:09:00Z'));
    await t.answer(t.fake.slash(carol, 'voter', { cote: 'pour' }));
    const csv = t.fake.slash(alice, 'exporter', { format: 'csv' });
    await t.answer(csv);
    const votes = rows(answeredFile(csv).text).filter((row) => row[0] === 'vote');
    expect(votes.map((row) => [row[3], row[5], ...row.slice(8, 11)])).toEqual([
      ['pro', 'votant anonyme', '2026-12-01', '', 'Europe/Paris'],
      ['neutral', 'votant anonyme', '2026-12-01', '', 'Europe/Paris'],
    ]);
  });

  it('over the HTTP endpoint: defers, then puts the file on the private answer', async () => {
    t = await startDiscordBed({ mode: 'http' });
    await postInteraction(
      t.endpoint,
      t.fake.slash(alice, 'lancer', { sujet: 'Export ?' }),
      t.signer,
      t.fake.state,
    );
    const payload = t.fake.slash(alice, 'exporter', { format: 'csv' });
    const answer = await postInteraction(t.endpoint, payload, t.signer, t.fake.state);
    expect(answer.body).toEqual({ type: 5, data: { flags: 64 } });
    await t.fake.rest.waitFor((c) => c.route === 'webhookMessageEdit' && c.params.token === payload.token);
    const file = answeredFile(payload);
    expect(file).toMatchObject({
      flags: 64,
      filename: 'debat-1.csv',
      content: 'Export du débat n° 1 (csv).',
    });
    expect(rows(file.text)[0]!.at(-1)).toBe('common_ground');
  });
});
