import type { ArgumentRecord, DebateRecord, ScoreboardData } from '../domain/records.ts';
import type { VoteSide } from '../domain/types.ts';
import type { MessageKey } from '../i18n/translate.ts';
import type { ArgumentItem, DebateHeader, HelpView, ScoreboardView } from './types.ts';

export const debateHeader = (debate: DebateRecord): DebateHeader => ({
  number: debate.number,
  topic: debate.topic,
  openerName: debate.anonymous ? null : debate.openerName,
  status: debate.status,
  anonymous: debate.anonymous,
  hidden: debate.hidden || inBlindRound(debate),
  closesAt: debate.closesAt,
  ...(debate.twoRounds ? { twoRounds: true } : {}),
  ...(inBlindRound(debate) && !debate.hidden ? { revealAtHalfTime: true } : {}),
});

/** In the blind first round of an open `--deux-tours` debate. */
export const inBlindRound = (
  debate: Pick<DebateRecord, 'status'> & Partial<Pick<DebateRecord, 'twoRounds' | 'round2StartedAt'>>,
): boolean => debate.status === 'open' && debate.twoRounds === true && debate.round2StartedAt == null;

/** Counts stay hidden while a `--masque` debate is open, and in a two-round debate's first round. */
export const resultsVisible = (
  debate: Pick<DebateRecord, 'hidden' | 'status'> &
    Partial<Pick<DebateRecord, 'twoRounds' | 'round2StartedAt'>>,
): boolean => (!debate.hidden || debate.status === 'closed') && !inBlindRound(debate);

/**
 * An argument as views show it. While results are hidden its ∆ count is 0 (views leave out a
 * count of 0): each ∆ says that someone moved to its side, a side's count in pieces.
 */
export const argumentItem = (
  argument: ArgumentRecord,
  debate: Pick<DebateRecord, 'anonymous' | 'hidden' | 'status'> &
    Partial<Pick<DebateRecord, 'twoRounds' | 'round2StartedAt'>>,
): ArgumentItem => ({
  number: argument.number,
  side: argument.side,
  text: argument.text,
  authorName: debate.anonymous ? null : argument.authorName,
  endorsements: argument.endorsements,
  deltas: resultsVisible(debate) ? argument.deltas : 0,
  edited: argument.editedAt !== null,
});

/** `timezone`: the channel's zone, in which the end date is shown. */
export function scoreboardView(
  data: ScoreboardData,
  timezone: string,
  viewerVote?: VoteSide | null,
): ScoreboardView {
  const { debate } = data;
  const item = (argument: ArgumentRecord | null) => (argument ? argumentItem(argument, debate) : null);
  return {
    kind: 'scoreboard',
    debate: debateHeader(debate),
    timezone,
    counts: resultsVisible(debate) ? data.counts : null,
    participants: data.participants,
    argumentCounts: data.argumentCounts,
    topPro: item(data.topPro),
    topCon: item(data.topCon),
    newest: item(data.newest),
    deltas: resultsVisible(debate) ? data.deltas : 0,
    ...(viewerVote === undefined ? {} : { viewerVote }),
  };
}

const HELP_ENTRIES: readonly MessageKey[] = [
  'help.open',
  'help.pro',
  'help.con',
  'help.vote',
  'help.endorse',
  'help.arguments',
  'help.list',
  'help.tally',
  'help.close',
  'help.conclude',
  'help.round2',
  'help.withdraw',
  'help.edit',
  'help.delta',
  'help.topics',
  'help.settings',
  'help.export',
  'help.page',
  'help.forget',
  'help.help',
  'help.id',
  'help.symbols',
];

/** The full help; for a word the grammar does not know, only the "did you mean" (no command list). */
export const helpView = (unknown?: string, suggestion?: string): HelpView => ({
  kind: 'help',
  unknown,
  suggestion,
  entries: unknown === undefined ? HELP_ENTRIES : [],
});
