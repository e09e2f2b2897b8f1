// What the debate's page shows, worked out from its stored data: pure, so it is tested without
// HTTP and rendered by src/web/. Anonymous debates name nobody; hidden results show no count.
import type { Counts } from '../domain/records.ts';
import type { Language, Side, VoteSide } from '../domain/types.ts';
import {
  addDays,
  formatLocalDate,
  type LocalDate,
  localDateTime,
  zonedWallTimeToInstant,
} from '../domain/zoned-time.ts';
import type { PageData } from '../store/ports/pages.ts';
import { argumentItem, debateHeader, resultsVisible } from '../views/build.ts';
import type { ViewSection } from '../views/sections.ts';
import type { ArgumentItem, DebateHeader } from '../views/types.ts';

/** Vote changes are read from the store in spans of 15 minutes: every UTC offset is a multiple. */
export const OPINION_SPAN_MS = 15 * 60_000;

/**
 * Arguments of common ground the page lists, the strongest first; the rest are counted, and all
 * are in the downloads (a debate may hold LIMITS.argumentsPerDebate, nearly all common ground).
 */
export const PAGE_COMMON_GROUND_SHOWN = 100;

/** The votes per side at the end of one local day, and the switches made that day. */
export interface OpinionDay {
  date: string;
  counts: Counts;
  switches: number;
}

/** An argument that changed minds, with who moved from which side to which (counts only). */
export interface PersuasionRow {
  argument: ArgumentItem;
  people: number;
  flows: { from: VoteSide; to: VoteSide; people: number }[];
}

/** One weekly summary that listed the debate: its tally then and the change since the one before. */
export interface HistoryWeek {
  weekStart: string;
  counts: Counts;
  shift: Counts | null;
}

export interface PageModel {
  debate: DebateHeader & { openedAt: number; closedAt: number | null };
  language: Language;
  timezone: string;
  /** Null while a hidden-results debate is open: so are opinion, flows and history. */
  counts: Counts | null;
  arguments: Record<Side, ArgumentItem[]>;
  opinion: OpinionDay[] | null;
  persuasion: PersuasionRow[];
  /** Whether the ∆ log may say from which side to which (not while results are hidden). */
  flowsVisible: boolean;
  history: HistoryWeek[] | null;
  /** Common ground, the two rounds, the closing note (src/views/sections.ts). */
  sections?: ViewSection[];
}

const byStrength = (a: ArgumentItem, b: ArgumentItem) =>
  b.endorsements - a.endorsements || b.deltas - a.deltas || a.number - b.number;

const dateOf = (zone: string, at: number): LocalDate => localDateTime(zone, new Date(at));
const after = (a: LocalDate, b: LocalDate) => formatLocalDate(a) > formatLocalDate(b);

/** The tally at the end of each local day from the opening day to the last one (today or the close). */
export function opinionDays(data: PageData, zone: string, now: number): OpinionDay[] {
  const perDay = new Map<string, { delta: Counts; switches: number }>();
  // Buckets come in time order: the zone is asked once per day, not once per bucket.
  let key = '';
  let dayEnds = Number.NEGATIVE_INFINITY;
  for (const bucket of data.opinion) {
    if (bucket.from >= dayEnds) {
      const date = dateOf(zone, bucket.from);
      key = formatLocalDate(date);
      dayEnds = zonedWallTimeToInstant(zone, addDays(date, 1), 0, 0).getTime();
    }
    const day = perDay.get(key) ?? { delta: { pro: 0, con: 0, neutral: 0 }, switches: 0 };
    day.delta.pro += bucket.pro;
    day.delta.con += bucket.con;
    day.delta.neutral += bucket.neutral;
    day.switches += bucket.switches;
    perDay.set(key, day);
  }
  const first = dateOf(
    zone,
    Math.min(data.debate.openedAt, data.opinion[0]?.from ?? Number.POSITIVE_INFINITY),
  );
  const lastEvent = data.opinion.at(-1)?.from ?? data.debate.openedAt;
  const end = Math.max(data.debate.closedAt ?? now, lastEvent);
  const last = dateOf(zone, end);
  const days: OpinionDay[] = [];
  const running: Counts = { pro: 0, con: 0, neutral: 0 };
  // A debate open for years still draws one point a day: 4,000 at most keeps the chart light.
  for (let date = first, n = 0; !after(date, last) && n < 4000; date = addDays(date, 1), n++) {
    const key = formatLocalDate(date);
    const day = perDay.get(key);
    if (day) {
      running.pro += day.delta.pro;
      running.con += day.delta.con;
      running.neutral += day.delta.neutral;
    }
    days.push({ date: key, counts: { ...running }, switches: day?.switches ?? 0 });
  }
  return days;
}

function persuasionRows(data: PageData, items: Map<number, ArgumentItem>): PersuasionRow[] {
  const rows = new Map<number, PersuasionRow>();
  for (const flow of data.persuasion) {
    const argument = items.get(flow.argument);
    if (!argument) continue; // withdrawn since
    const row = rows.get(flow.argument) ?? { argument, people: 0, flows: [] };
    row.people += flow.people;
    row.flows.push({ from: flow.from, to: flow.to, people: flow.people });
    rows.set(flow.argument, row);
  }
  for (const row of rows.values()) row.flows.sort((a, b) => b.people - a.people);
  return [...rows.values()].sort((a, b) => b.people - a.people || a.argument.number - b.argument.number);
}

function historyWeeks(data: PageData): HistoryWeek[] {
  return data.snapshots.map((snapshot, index) => {
    const before = data.snapshots[index - 1]?.counts;
    const shift = before && {
      pro: snapshot.counts.pro - before.pro,
      con: snapshot.counts.con - before.con,
      neutral: snapshot.counts.neutral - before.neutral,
    };
    return { weekStart: snapshot.weekStart, counts: snapshot.counts, shift: shift ?? null };
  });
}

/** The page's model in the visitor's language; the visitor is anonymous: no "your vote". */
export function pageModel(data: PageData, language: Language, zone: string, now: number): PageModel {
  const { debate } = data;
  const visible = resultsVisible(debate);
  const items = new Map(data.arguments.map((a) => [a.number, argumentItem(a, debate)]));
  const all = [...items.values()].sort(byStrength);
  return {
    debate: { ...debateHeader(debate), openedAt: debate.openedAt, closedAt: debate.closedAt },
    language,
    timezone: zone,
    counts: visible ? data.counts : null,
    arguments: { pro: all.filter((a) => a.side === 'pro'), con: all.filter((a) => a.side === 'con') },
    opinion: visible ? opinionDays(data, zone, now) : null,
    // Each ∆ says someone moved to a side: the log waits for the results.
    persuasion: visible ? persuasionRows(data, items) : [],
    flowsVisible: visible,
    history: visible ? historyWeeks(data) : null,
  };
}
