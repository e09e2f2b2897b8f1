import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summaryCli } from '../../adapters/summary-cli.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { parseChannelSpec, summaryCommand } from '../../src/summary/summary-command.ts';
import { DEFAULTS, type TestBed } from '../helpers/engine.ts';
import { CHANNEL, recordingPublisher, seedBeforeWindow, seededBed, seedWindow } from './seed.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await seededBed();
  await seedBeforeWindow(bed);
  await seedWindow(bed);
});
afterEach(async () => {
  await bed.cleanup();
});

const deps = (publisher = recordingPublisher()) => ({
  store: bed.store,
  clock: bed.clock,
  logger: silentLogger,
  defaults: DEFAULTS,
  publisherFor: () => publisher.publisher,
});

describe('debat summary', () => {
  it('reads channel specs', () => {
    expect(parseChannelSpec('slack:T1:C1')).toEqual(CHANNEL);
    expect(parseChannelSpec('discord:G1:123')).toEqual({
      platform: 'discord',
      workspaceId: 'G1',
      channelId: '123',
    });
    expect(parseChannelSpec('#general')).toEqual({
      platform: 'terminal',
      workspaceId: 'local',
      channelId: 'general',
    });
    expect(parseChannelSpec('irc:x:y')).toBeUndefined();
    expect(parseChannelSpec('a:b')).toBeUndefined();
  });

  it('--dry-run at a due moment: the schedule facts and the summary that would be posted; nothing written', async () => {
    const out = await summaryCommand(deps(), {
      channel: 'slack:T1:C1',
      at: '2026-03-27T15:30:00Z',
      dryRun: true,
    });
    expect(out.exitCode).toBe(0);
    expect(out.lines).toEqual([
      'channel  slack:T1:C1',
      'zone     Europe/Paris · Friday 16:00 · fr',
      'at       2026-03-27T15:30:00.000Z (27 Mar 2026, 16:30 local)',
      'week     2026-03-23 · scheduled 2026-03-27T15:00:00.000Z (27 Mar 2026, 16:00 local) · due',
      'ledger   no entry',
      'window   2026-03-20T15:00:00.000Z → 2026-03-27T15:00:00.000Z (weekly)',
    ]);
    expect(out.reply?.view).toMatchObject({ kind: 'weeklySummary', mode: 'weekly', weekStart: '2026-03-23' });
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toBeUndefined();
  });

  it('before the scheduled instant: the week so far, and nothing is posted even without --dry-run', async () => {
    const rec = recordingPublisher();
    const out = await summaryCommand(deps(rec), {
      channel: 'slack:T1:C1',
      at: '2026-03-26T10:00:00Z',
      dryRun: false,
    });
    expect(out.lines).toContain('post     not due yet at this moment: nothing posted');
    expect(out.reply?.view).toMatchObject({ mode: 'soFar', from: Date.parse('2026-03-20T15:00:00Z') });
    expect(rec.posts).toHaveLength(0);
  });

  it('without --dry-run at a due moment: claimed and posted once, through the ledger', async () => {
    const rec = recordingPublisher();
    const first = await summaryCommand(deps(rec), {
      channel: 'slack:T1:C1',
      at: '2026-03-27T15:30:00Z',
      dryRun: false,
    });
    expect(first.lines.at(-1)).toBe('post     posted · C1:1');
    const second = await summaryCommand(deps(rec), {
      channel: 'slack:T1:C1',
      at: '2026-03-27T15:31:00Z',
      dryRun: false,
    });
    expect(second.lines).toContain('ledger   posted · C1:1');
    expect(second.lines.at(-1)).toBe('post     done');
    expect(rec.posts).toHaveLength(1);
  });

  it('refuses bad input', async () => {
    expect((await summaryCommand(deps(), { channel: 'nope:x', dryRun: true })).exitCode).toBe(2);
    expect(
      (await summaryCommand(deps(), { channel: 'slack:T1:C1', at: 'yesterday', dryRun: true })).exitCode,
    ).toBe(2);
  });

  it('the CLI glue: config, database file, terminal rendering', async () => {
    const config = loadConfig({
      DEBAT_DB_PATH: bed.path,
      DEBAT_TIMEZONE: 'Europe/Paris',
      DEBAT_LANGUAGE: 'en',
    });
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const code = await summaryCli(
      ['--channel', 'slack:T1:C1', '--at', '2026-03-27T15:30:00Z', '--dry-run'],
      config,
      silentLogger,
      out,
    );
    expect(code).toBe(0);
    expect(text).toContain('week     2026-03-23 · scheduled 2026-03-27T15:00:00.000Z');
    expect(text).toContain('━━ Weekly summary · Fri 20 Mar, 16:00 to Fri 27 Mar, 16:00 ━━');
    expect(await summaryCli([], config, silentLogger, out)).toBe(2);
    // A mistyped option is answered with the usage, not a stack trace.
    text = '';
    expect(await summaryCli(['--channel', 'general', '--dryrun'], config, silentLogger, out)).toBe(2);
    expect(text).toContain("Unknown option '--dryrun'");
    expect(text).toContain('Usage: debat summary --channel');
    text = '';
    expect(await summaryCli(['--channel'], config, silentLogger, out)).toBe(2);
    expect(text).toContain('Usage: debat summary --channel');
  });

  it('DEBAT_SUMMARY_AT accepts "16h30" alone (Friday kept) and names a bad value', () => {
    expect(loadConfig({ DEBAT_SUMMARY_AT: '16h30' }).DEBAT_SUMMARY_AT).toEqual({ day: 5, time: '16:30' });
    expect(loadConfig({ DEBAT_SUMMARY_AT: 'lundi 9h' }).DEBAT_SUMMARY_AT).toEqual({ day: 1, time: '09:00' });
    expect(loadConfig({ DEBAT_SUMMARY_AT: 'sun 4pm' }).DEBAT_SUMMARY_AT).toEqual({ day: 0, time: '16:00' });
    expect(() => loadConfig({ DEBAT_SUMMARY_AT: 'demain midi' })).toThrow(/DEBAT_SUMMARY_AT/);
  });
});
