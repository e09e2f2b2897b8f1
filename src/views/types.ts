import type { ExportFormat } from '../commands/command.ts';
import type { Counts, Openers } from '../domain/records.ts';
import type { UserError } from '../domain/result.ts';
import type { DebateStatus, Language, Side, VoteSide } from '../domain/types.ts';
import type { MessageKey, MessageParams } from '../i18n/translate.ts';
import type { ViewSection } from './sections.ts';
import type { WeeklySummaryView } from './weekly-summary.ts';

/** Platform-neutral views: adapters render them; the core never builds platform JSON. */
export interface DebateHeader {
  number: number;
  topic: string;
  /** Null for anonymous debates: nobody is named. */
  openerName: string | null;
  status: DebateStatus;
  anonymous: boolean;
  hidden: boolean;
  closesAt: number | null;
  /** Opened `--deux-tours`. */
  twoRounds?: boolean;
  /** In a blind first round whose counts show at half-time (not `--masque`): see hidden-note.ts. */
  revealAtHalfTime?: boolean;
}

export interface ArgumentItem {
  number: number;
  side: Side;
  text: string;
  authorName: string | null;
  endorsements: number;
  deltas: number;
  /** Its author changed its text after posting it: shown as "modifié". */
  edited?: boolean;
  endorsedByViewer?: boolean;
  /** In the viewer's own list: their argument, still open to an edit (the list offers the button). */
  editableByViewer?: boolean;
}

export interface ScoreboardView {
  kind: 'scoreboard';
  debate: DebateHeader;
  /** The channel's IANA zone: the end date is shown in it (src/views/format.ts). */
  timezone: string;
  /** Null while a hidden-results debate is open. */
  counts: Counts | null;
  participants: number;
  argumentCounts: { pro: number; con: number };
  topPro: ArgumentItem | null;
  topCon: ArgumentItem | null;
  newest: ArgumentItem | null;
  deltas: number;
  /** Only in private views: the viewer's own vote, shown even when results are hidden. */
  viewerVote?: VoteSide | null;
  /** The debate's web page (a capability link), when pages have an address. */
  pageUrl?: string | undefined;
  /** Set on the debate of the week when it opens by itself: a heading above the scoreboard. */
  weekly?: boolean;
  /** Set on the reminder posted before the end: a heading and how to vote above the tally. */
  reminder?: boolean;
  /** Set on the half-time post of a two-round debate: a heading above the first round's tally. */
  halftime?: boolean;
  /** Common ground, the two rounds, the closing note: under the top arguments, in this order. */
  sections?: ViewSection[];
  /** Set on the announcement that the debate has ended: a heading above the final tally. */
  ended?: {
    /** The debate's channel, named in the heading. */
    channelId: string;
    /** Its duration ran out (otherwise someone closed it). */
    byDuration: boolean;
  };
}

/** `oublier-moi` asks first: what will be erased, everywhere, for good; confirming erases. */
export interface ForgetConfirmView {
  kind: 'forgetConfirm';
}

export interface ArgumentListView {
  kind: 'arguments';
  debate: DebateHeader;
  items: ArgumentItem[];
  page: number;
  pages: number;
  total: number;
}

export interface ArgumentAddedView {
  kind: 'argumentAdded';
  debate: DebateHeader;
  argument: ArgumentItem;
}

export interface DebateListView {
  kind: 'debateList';
  items: { debate: DebateHeader; counts: Counts | null; argumentCount: number }[];
}

export interface HelpView {
  kind: 'help';
  /** A mistyped command: renderers show it, the suggestion and one line pointing at the full help. */
  unknown?: string | undefined;
  suggestion?: string | undefined;
  entries: readonly MessageKey[];
}

export interface ErrorView {
  kind: 'error';
  error: UserError;
}

export interface NoticeView {
  kind: 'notice';
  key: MessageKey;
  params: MessageParams;
}

export interface SettingsView {
  kind: 'settings';
  saved: boolean;
  timezone: string;
  summary: { day: number; time: string } | null;
  language: Language;
  /** A thread under each new debate's scoreboard. */
  threads: boolean;
  /** Who may open debates in the channel. */
  openers: Openers;
  /** A reminder before each debate's end. */
  reminders: boolean;
  /** A nudge when one side has arguments and the other none. */
  nudges: boolean;
  /** The debate of the week: weekday 0 (Sunday) … 6, "HH:MM" in `timezone`, its duration. */
  rhythm: { day: number; time: string; durationMs: number } | null;
}

/** `sujets`: the channel's queue for the debate of the week, the most endorsed first. */
export interface TopicListView {
  kind: 'topicList';
  items: {
    number: number;
    text: string;
    /** Null when the proposer asked to be forgotten. */
    proposerName: string | null;
    endorsements: number;
    endorsedByViewer: boolean;
  }[];
  rhythm: { day: number; time: string; durationMs: number } | null;
  /** The next weekly opening, in `timezone`. */
  next: number | null;
  timezone: string;
}

export interface ExportView {
  kind: 'export';
  debate: DebateHeader;
  format: ExportFormat;
  filename: string;
  mimeType: string;
  content: string;
}

/** A person's own debates, e.g. for Slack's App Home: a page of its own, not a reply. */
export interface PersonalDebatesView {
  kind: 'personalDebates';
  items: {
    debate: DebateHeader;
    channelId: string;
    /** Null while a hidden-results debate is open. */
    counts: Counts | null;
    argumentCount: number;
    viewerVote: VoteSide | null;
    opened: boolean;
    /** The debate's web page, when pages have an address. */
    pageUrl?: string | undefined;
  }[];
}

/** A public question when one side has arguments and the other none: names nobody. */
export interface NudgeView {
  kind: 'nudge';
  debate: number;
  /** The side nobody has defended yet. */
  side: Side;
}

export interface PersuasionPromptView {
  kind: 'persuasionPrompt';
  debate: DebateHeader;
  side: Side;
  options: ArgumentItem[];
}

export type View =
  | ScoreboardView
  | ArgumentListView
  | ArgumentAddedView
  | DebateListView
  | HelpView
  | ErrorView
  | NoticeView
  | SettingsView
  | ExportView
  | PersuasionPromptView
  | ForgetConfirmView
  | NudgeView
  | TopicListView
  | WeeklySummaryView;

/** One answer: private to the person who acted, or public in the channel. */
export interface Reply {
  visibility: 'private' | 'public';
  language: Language;
  view: View;
  /**
   * A private confirmation of what the public scoreboard shows anyway (a vote cast, changed or
   * withdrawn in a debate whose results are visible): a button click, answered by the scoreboard
   * itself, may go without it.
   */
  alsoOnScoreboard?: boolean;
}
