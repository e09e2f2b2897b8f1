import type { Counts } from '../domain/records.ts';
import type { ViewSection } from './sections.ts';
import type { ArgumentItem, DebateHeader } from './types.ts';

/** One debate in a channel's weekly summary. */
export interface WeeklyDebateItem {
  /** Status as of the end of the week's window. */
  debate: DebateHeader;
  /** Votes per side at the end of the window; null while a hidden-results debate is open. */
  counts: Counts | null;
  /** Change since the last summary; null for a debate new since then, or while results are hidden. */
  shift: Counts | null;
  closedThisWeek: boolean;
  /** Arguments added during the week that are still there. */
  newArguments: number;
  /** Up to three of them, the most endorsed first. */
  newArgumentsTop: ArgumentItem[];
  /** Distinct people who voted, argued or endorsed during the week. */
  participants: number;
  /** Votes cast, changed or withdrawn during the week. */
  voteEvents: number;
  /** Switches from one side to another during the week. */
  opinionChanges: number;
  topPro: ArgumentItem | null;
  topCon: ArgumentItem | null;
  /** The argument that earned the most ∆ during the week. */
  persuasive: { argument: ArgumentItem; weekDeltas: number } | null;
  /** The debate's web page, when pages have an address. */
  pageUrl?: string | undefined;
  /** Common ground (at most three, with the week's new ones), the two rounds, the closing note. */
  sections?: ViewSection[];
}

/**
 * A channel's week: the scheduled weekly post (`weekly`), or `/debat bilan` without #id
 * (`soFar`: from the last scheduled summary until now). Built by src/summary/build-summary.ts.
 */
export interface WeeklySummaryView {
  kind: 'weeklySummary';
  mode: 'weekly' | 'soFar';
  /** The channel's IANA zone, for showing dates. */
  timezone: string;
  /** Local date of the Monday of the week ("YYYY-MM-DD"). */
  weekStart: string;
  /** The window the activity is counted over, ms since the epoch: [from, to). */
  from: number;
  to: number;
  /** Active debates, the busiest first and those closed during the week last; at most MAX. */
  debates: WeeklyDebateItem[];
  /** Active debates left off the list. */
  more: number;
  /** The channel's next debate of the week (`config rythme`): when, and the topic leading the queue. */
  nextWeekly?: { at: number; topic: string | null } | undefined;
  totals: {
    debates: number;
    voteEvents: number;
    newArguments: number;
    opinionChanges: number;
    closed: number;
  };
}
