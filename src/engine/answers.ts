// How a use case answers: private and public replies, notices, errors, refreshed scoreboards.
import type { Languages } from '../domain/defaults.ts';
import type { DebateRecord } from '../domain/records.ts';
import type { UserError } from '../domain/result.ts';
import type { MessageKey, MessageParams } from '../i18n/translate.ts';
import type { Reply, View } from '../views/types.ts';
import type { Outcome, ScoreboardRefresh } from './outcome.ts';

export const privately = (languages: Languages, view: View): Reply => ({
  visibility: 'private',
  language: languages.private,
  view,
});

export const publicly = (languages: Languages, view: View): Reply => ({
  visibility: 'public',
  language: languages.public,
  view,
});

export const answer = (reply: Reply, refresh: ScoreboardRefresh[] = []): Outcome => ({
  replies: [reply],
  refresh,
});

/** Nothing to say or do: a repeated click. */
export const ignored = (): Outcome => ({ replies: [], refresh: [], next: { kind: 'ignore' } });

export const errorOutcome = (languages: Languages, error: UserError): Outcome =>
  answer(privately(languages, { kind: 'error', error }));

export const noticeView = (key: MessageKey, params: MessageParams = {}): View => ({
  kind: 'notice',
  key,
  params,
});

export const refreshOf = (debate: DebateRecord): ScoreboardRefresh => ({
  scope: { platform: debate.platform, workspaceId: debate.workspaceId, channelId: debate.channelId },
  number: debate.number,
});

/** An outcome that also carries the debates found ended on the way. */
export const withEnded = (outcome: Outcome, ended: DebateRecord[]): Outcome =>
  ended.length === 0 ? outcome : { ...outcome, ended: [...(outcome.ended ?? []), ...ended] };
