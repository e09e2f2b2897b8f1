// Every view, filled with the worst text allowed, renders within Block Kit limits (checked by the
// fake Slack's own validator) and with nothing that could ping.
import { describe, expect, it } from 'vitest';
import { argumentModal } from '../../adapters/slack/render/argument-modal.ts';
import { renderHome } from '../../adapters/slack/render/home.ts';
import { renderReply } from '../../adapters/slack/render/reply.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { ViewSection } from '../../src/views/sections.ts';
import type { ArgumentItem, DebateHeader, Reply, View } from '../../src/views/types.ts';
import type { WeeklyDebateItem } from '../../src/views/weekly-summary.ts';
import { checkMessage, checkView } from '../fakes/slack/block-kit-limits.ts';
import { PING } from './harness.ts';

const WORST = '<!channel> & <@U1> '.repeat(60).slice(0, 1000);
const TOPIC = '<!here> & 🎉 '.repeat(20).slice(0, 200);
const NAME = '<!everyone> '.repeat(7).slice(0, 80);

const debate: DebateHeader = {
  number: 123_456,
  topic: TOPIC,
  openerName: NAME,
  status: 'open',
  anonymous: false,
  hidden: false,
  closesAt: Date.UTC(2026, 11, 24, 16),
};
const argument = (number: number): ArgumentItem => ({
  number,
  side: number % 2 ? 'pro' : 'con',
  text: WORST,
  authorName: NAME,
  endorsements: 1_000_000,
  deltas: 999,
  endorsedByViewer: number % 3 === 0,
});
const counts = { pro: 123_456, con: 654_321, neutral: 1 };
// Common ground (five arguments and more), both rounds, the longest closing note of hostile text.
const sections: ViewSection[] = [
  {
    id: 'commonGround',
    title: 'common_ground.title',
    lines: [
      ...[1, 2, 3, 4, 5].map((n) => ({
        kind: 'argument' as const,
        item: argument(n),
        note: { key: 'common_ground.counts' as const, params: { pro: 999_999, con: 999_999 } },
      })),
      { kind: 'text', key: 'common_ground.more', params: { count: 99_999 } },
    ],
  },
  {
    id: 'rounds',
    title: 'rounds.title',
    lines: [
      { kind: 'text', key: 'rounds.first', params: counts },
      { kind: 'text', key: 'rounds.second', params: counts },
      { kind: 'text', key: 'rounds.changed', params: { count: 99_999 } },
      {
        kind: 'text',
        key: 'rounds.deltas',
        params: { count: 999 },
        list: {
          param: 'list',
          items: Array.from({ length: 200 }, (_, i) => ({
            key: 'rounds.delta_item' as const,
            params: { number: i + 1, count: 9 },
          })),
        },
      },
    ],
  },
  { id: 'closingNote', title: 'closing_note.title', lines: [{ kind: 'quote', text: WORST.slice(0, 500) }] },
];
const weekly: WeeklyDebateItem = {
  debate,
  counts,
  shift: { pro: 5, con: -3, neutral: 0 },
  closedThisWeek: false,
  newArguments: 80,
  newArgumentsTop: [argument(1), argument(2), argument(3)],
  participants: 500,
  voteEvents: 2000,
  opinionChanges: 40,
  topPro: argument(5),
  topCon: argument(6),
  persuasive: { argument: argument(7), weekDeltas: 12 },
  sections,
};

const views: View[] = [
  {
    kind: 'scoreboard',
    debate,
    timezone: 'Europe/Paris',
    counts,
    participants: 800,
    argumentCounts: { pro: 40, con: 40 },
    topPro: argument(1),
    topCon: argument(2),
    newest: argument(80),
    deltas: 12,
    viewerVote: 'pro',
    sections,
  },
  {
    kind: 'scoreboard',
    debate: { ...debate, status: 'closed' },
    timezone: 'Europe/Paris',
    counts,
    participants: 800,
    argumentCounts: { pro: 40, con: 40 },
    topPro: argument(1),
    topCon: argument(2),
    newest: argument(80),
    deltas: 12,
    ended: { channelId: 'C1', byDuration: false },
    halftime: true,
    sections,
  },
  {
    kind: 'scoreboard',
    debate: { ...debate, status: 'closed', hidden: true },
    timezone: 'Europe/Paris',
    counts: null,
    participants: 0,
    argumentCounts: { pro: 0, con: 0 },
    topPro: null,
    topCon: null,
    newest: null,
    deltas: 0,
  },
  {
    kind: 'arguments',
    debate,
    items: Array.from({ length: 10 }, (_, i) => argument(i + 1)),
    page: 2,
    pages: 8,
    total: 80,
  },
  { kind: 'argumentAdded', debate, argument: argument(9) },
  {
    kind: 'debateList',
    items: Array.from({ length: 100 }, (_, i) => ({
      debate: { ...debate, number: i + 1 },
      counts,
      argumentCount: 80,
    })),
  },
  {
    kind: 'help',
    unknown: WORST.slice(0, 40),
    suggestion: 'lancer',
    entries: ['help.open', 'help.pro', 'help.settings'],
  },
  { kind: 'error', error: { code: 'argument.too_long', params: { max: 1000, length: 5000 } } },
  { kind: 'notice', key: 'notice.forgotten', params: { votes: 1, endorsements: 2, arguments: 3 } },
  {
    kind: 'settings',
    saved: true,
    timezone: 'Europe/Paris',
    summary: { day: 5, time: '16:00' },
    language: 'fr',
    threads: false,
    openers: 'admins',
    reminders: false,
    nudges: true,
    rhythm: { day: 1, time: '09:00', durationMs: 432_000_000 },
  },
  {
    kind: 'export',
    debate,
    format: 'markdown',
    filename: 'debat-1.md',
    mimeType: 'text/markdown',
    content: `${WORST}\n`.repeat(200),
  },
  { kind: 'persuasionPrompt', debate, side: 'con', options: [2, 4, 6, 8, 10].map(argument) },
  {
    kind: 'weeklySummary',
    mode: 'weekly',
    timezone: 'Europe/Paris',
    weekStart: '2026-11-23',
    from: Date.UTC(2026, 10, 20, 15),
    to: Date.UTC(2026, 10, 27, 15),
    debates: [
      ...Array.from({ length: 25 }, (_, i) => ({ ...weekly, debate: { ...debate, number: i + 1 } })),
      ...Array.from({ length: 5 }, () => ({ ...weekly, closedThisWeek: true })),
    ],
    more: 7,
    totals: { debates: 37, voteEvents: 9999, newArguments: 500, opinionChanges: 80, closed: 5 },
  },
  {
    kind: 'weeklySummary',
    mode: 'soFar',
    timezone: 'UTC',
    weekStart: '2026-11-23',
    from: 0,
    to: 1,
    debates: [],
    more: 0,
    totals: { debates: 0, voteEvents: 0, newArguments: 0, opinionChanges: 0, closed: 0 },
  },
];

const texts = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(texts)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(texts)
        : [];

describe('Slack rendering at the limits', () => {
  it.each(
    views.flatMap((view) => (['fr', 'en'] as const).map((language) => [view.kind, language, view] as const)),
  )('%s (%s) fits Block Kit and never pings', (_kind, language, view) => {
    const reply: Reply = { visibility: 'public', language, view };
    const message = renderReply(reply);
    expect(checkMessage(message as unknown as Record<string, unknown>)).toEqual([]);
    expect(texts(message).filter((s) => PING.test(s))).toEqual([]);
  });

  it('keeps the Home tab and the argument form within view limits', () => {
    const item = {
      debate,
      channelId: 'C1',
      counts,
      argumentCount: 80,
      viewerVote: 'con' as const,
      opened: true,
    };
    const home = renderHome(translator('fr'), {
      kind: 'personalDebates',
      items: Array.from({ length: 50 }, () => item),
    });
    expect(checkView(home)).toEqual([]);
    expect(texts(home).filter((s) => PING.test(s))).toEqual([]);
    const modal = argumentModal(
      translator('en'),
      { channel: 'C1', debate: 1 },
      { side: 'con', text: WORST.repeat(5) },
    );
    expect(checkView(modal)).toEqual([]);
  });
});
