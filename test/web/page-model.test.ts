// The page's model without HTTP: days in the channel's zone, ∆ flows, weeks, and the tokens.
import { describe, expect, it } from 'vitest';
import type { DebateRecord } from '../../src/domain/records.ts';
import { OPINION_SPAN_MS, opinionDays, pageModel } from '../../src/page/model.ts';
import { pageToken, readPageToken, tokenValid } from '../../src/page/token.ts';
import type { OpinionBucket, PageData } from '../../src/store/ports/pages.ts';

const debate: DebateRecord = {
  id: 1,
  uid: '0b6f7f3e-5a1c-4c1e-9d38-7d0a2f6b9e11',
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  number: 4,
  topic: 'Sujet',
  openerKey: 'U1',
  openerName: 'Alice',
  anonymous: false,
  hidden: false,
  status: 'open',
  openedAt: Date.parse('2026-03-28T20:00:00Z'),
  closesAt: null,
  closedAt: null,
  scoreboardRef: null,
  closingNote: null,
  twoRounds: false,
  round2At: null,
  round2StartedAt: null,
};

const bucket = (iso: string, change: Partial<OpinionBucket>): OpinionBucket => ({
  from: Math.floor(Date.parse(iso) / OPINION_SPAN_MS) * OPINION_SPAN_MS,
  pro: 0,
  con: 0,
  neutral: 0,
  switches: 0,
  ...change,
});

const data = (opinion: OpinionBucket[], extra: Partial<PageData> = {}): PageData => ({
  debate,
  counts: { pro: 2, con: 0, neutral: 1 },
  arguments: [],
  opinion,
  persuasion: [],
  snapshots: [],
  sides: [],
  rounds: undefined,
  ...extra,
});

describe('opinion over time', () => {
  it('puts each vote on its local day in the channel’s zone, across the spring-forward night', () => {
    const days = opinionDays(
      data([
        bucket('2026-03-28T22:45:00Z', { pro: 1 }), // 23:45 in Paris, Saturday
        bucket('2026-03-28T23:15:00Z', { con: 1 }), // 00:15 Sunday
        bucket('2026-03-29T21:30:00Z', { pro: 1, con: -1, switches: 1 }), // 23:30 Sunday (summer time)
        bucket('2026-03-29T22:15:00Z', { neutral: 1 }), // 00:15 Monday
      ]),
      'Europe/Paris',
      Date.parse('2026-03-31T12:00:00Z'),
    );
    expect(days).toEqual([
      { date: '2026-03-28', counts: { pro: 1, con: 0, neutral: 0 }, switches: 0 },
      { date: '2026-03-29', counts: { pro: 2, con: 0, neutral: 0 }, switches: 1 },
      { date: '2026-03-30', counts: { pro: 2, con: 0, neutral: 1 }, switches: 0 },
      { date: '2026-03-31', counts: { pro: 2, con: 0, neutral: 1 }, switches: 0 },
    ]);
    // The same votes seen from Toronto fall on other days.
    expect(
      opinionDays(
        data([bucket('2026-03-29T02:00:00Z', { pro: 1 })]),
        'America/Toronto',
        Date.parse('2026-03-29T12:00:00Z'),
      )
        .filter((d) => d.counts.pro === 1)
        .map((d) => d.date)[0],
    ).toBe('2026-03-28');
  });

  it('ends on the closing day of a closed debate', () => {
    const closed = { ...debate, status: 'closed' as const, closedAt: Date.parse('2026-03-30T10:00:00Z') };
    const days = opinionDays(data([], { debate: closed }), 'UTC', Date.parse('2026-06-01T00:00:00Z'));
    expect(days.map((d) => d.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });
});

describe('the page model', () => {
  const argument = (number: number, side: 'pro' | 'con', endorsements: number, deltas = 0) => ({
    id: number * 10,
    number,
    side,
    text: `argument ${number}`,
    authorKey: `U${number}`,
    authorName: `Auteur ${number}`,
    createdAt: debate.openedAt,
    withdrawnAt: null,
    editedAt: null,
    endorsements,
    deltas,
  });
  const stored = data([bucket('2026-03-28T21:00:00Z', { pro: 2, neutral: 1 })], {
    arguments: [
      argument(1, 'pro', 1),
      argument(2, 'con', 5),
      argument(3, 'pro', 4, 2),
      argument(4, 'pro', 4, 3),
    ],
    persuasion: [
      { argument: 3, from: 'con', to: 'pro', people: 1 },
      { argument: 4, from: 'con', to: 'pro', people: 2 },
      { argument: 4, from: 'neutral', to: 'pro', people: 1 },
    ],
    snapshots: [
      { debateId: 1, weekStart: '2026-03-23', asOf: 1, takenAt: 1, counts: { pro: 1, con: 1, neutral: 0 } },
      { debateId: 1, weekStart: '2026-03-30', asOf: 2, takenAt: 2, counts: { pro: 2, con: 0, neutral: 1 } },
    ],
  });

  it('sorts each side by endorsements, then ∆; lists who moved where; keeps each week’s change', () => {
    const model = pageModel(stored, 'fr', 'Europe/Paris', Date.parse('2026-03-29T12:00:00Z'));
    expect(model.arguments.pro.map((a) => a.number)).toEqual([4, 3, 1]);
    expect(model.arguments.con.map((a) => a.number)).toEqual([2]);
    expect(model.persuasion.map((row) => [row.argument.number, row.people, row.flows.length])).toEqual([
      [4, 3, 2],
      [3, 1, 1],
    ]);
    expect(model.history?.map((week) => week.shift)).toEqual([null, { pro: 1, con: -1, neutral: 1 }]);
    expect(model.opinion?.at(-1)?.counts).toEqual(stored.counts);
  });

  it('names nobody when anonymous, and shows no count while results are hidden', () => {
    const anonymous = pageModel({ ...stored, debate: { ...debate, anonymous: true } }, 'en', 'UTC', 0);
    expect(anonymous.debate.openerName).toBeNull();
    expect([...anonymous.arguments.pro, ...anonymous.arguments.con].map((a) => a.authorName)).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const hidden = pageModel({ ...stored, debate: { ...debate, hidden: true } }, 'en', 'UTC', 0);
    expect([hidden.counts, hidden.opinion, hidden.history, hidden.flowsVisible]).toEqual([
      null,
      null,
      null,
      false,
    ]);
  });
});

describe('page tokens', () => {
  const secret = 'a-server-secret-of-32-characters';
  it('open only their debate at their version, in one spelling', () => {
    const token = pageToken(secret, debate.uid, 1);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const read = readPageToken(token)!;
    expect(read.uid).toBe(debate.uid);
    expect(tokenValid(secret, read, 1)).toBe(true);
    expect(tokenValid(secret, read, 2)).toBe(false);
    expect(tokenValid('another-secret-of-32-characters!', read, 1)).toBe(false);
    // The last character carries two unused bits: another spelling of the same bytes is refused.
    const last = token.at(-1)!;
    const twin = token.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
    expect(readPageToken(twin)).toBeUndefined();
    for (const bad of ['', token.slice(1), `${token}A`, token.replace(/.$/, '='), '../../etc/passwd'])
      expect(readPageToken(bad), bad).toBeUndefined();
  });
});
