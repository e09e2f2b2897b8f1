// Rows as both stores return them, turned into the records of the domain. The one difference:
// a flag is 0/1 in SQLite and a boolean in PostgreSQL (its bigints arrive as numbers, see
// src/store/postgres/pool.ts).
import type { ArgumentRecord, ChannelSettings, DebateRecord, TopicRecord } from '../../domain/records.ts';
import type { DebateStatus, Language, Platform, Side, VoteSide } from '../../domain/types.ts';
import type { InstallationRow } from '../ports/installations.ts';
import type { LedgerEntry, LedgerStatus } from '../ports/summary.ts';

/** A flag column: SQLite's 0/1, PostgreSQL's boolean. */
export type Flag = boolean | number | null;
/** Whether a flag column is set, in either store. */
export const isSet = (flag: Flag | undefined): boolean => flag === true || flag === 1;

export interface DebateRow {
  id: number;
  uid: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  number: number;
  topic: string;
  opener_key: string | null;
  opener_name: string | null;
  anonymous: Flag;
  hidden: Flag;
  status: string;
  opened_at: number;
  closes_at: number | null;
  closed_at: number | null;
  scoreboard_ref: string | null;
  next_argument: number;
  closing_note?: string | null;
  two_rounds?: Flag;
  round2_at?: number | null;
  round2_started_at?: number | null;
}

export const toDebate = (row: DebateRow): DebateRecord => ({
  id: row.id,
  uid: row.uid,
  platform: row.platform as Platform,
  workspaceId: row.workspace_id,
  channelId: row.channel_id,
  number: row.number,
  topic: row.topic,
  openerKey: row.opener_key,
  openerName: row.opener_name,
  anonymous: isSet(row.anonymous),
  hidden: isSet(row.hidden),
  status: row.status as DebateStatus,
  openedAt: row.opened_at,
  closesAt: row.closes_at,
  closedAt: row.closed_at,
  scoreboardRef: row.scoreboard_ref,
  closingNote: row.closing_note ?? null,
  twoRounds: isSet(row.two_rounds),
  round2At: row.round2_at ?? null,
  round2StartedAt: row.round2_started_at ?? null,
});

export interface ArgumentRow {
  id: number;
  number: number;
  side: string;
  text: string;
  author_key: string | null;
  author_name: string | null;
  created_at: number;
  withdrawn_at: number | null;
  edited_at: number | null;
  endorsements: number;
  deltas: number;
}

export const toArgument = (row: ArgumentRow): ArgumentRecord => ({
  id: row.id,
  number: row.number,
  side: row.side as Side,
  text: row.text,
  authorKey: row.author_key,
  authorName: row.author_name,
  createdAt: row.created_at,
  withdrawnAt: row.withdrawn_at,
  editedAt: row.edited_at,
  endorsements: row.endorsements,
  deltas: row.deltas,
});

/** An argument with its endorsement and ∆ counts; append WHERE/ORDER clauses. */
export const ARGUMENT_SELECT = `
  SELECT a.id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at, a.withdrawn_at, a.edited_at,
    (SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id) AS endorsements,
    (SELECT count(*) FROM vote_events v WHERE v.persuaded_by = a.id) AS deltas
  FROM arguments a`;

export interface ChannelRow {
  timezone: string | null;
  summary_day: number | null;
  summary_time: string | null;
  summary_off: Flag;
  language: string | null;
  threads: Flag;
  open_admins: Flag;
  reminders_off: Flag;
  nudges_off: Flag;
  rhythm_day: number | null;
  rhythm_time: string | null;
  rhythm_duration_ms: number | null;
  rhythm_since: number | null;
}

const languageOf = (stored: string | null | undefined): Language | null =>
  (stored as Language | null) ?? null;

/** A channel's language and time zone as stored: what its page is written in. */
export const toChannelPlace = (
  row: Pick<ChannelRow, 'language' | 'timezone'> | undefined,
): Pick<ChannelSettings, 'language' | 'timezone'> => ({
  language: languageOf(row?.language),
  timezone: row?.timezone ?? null,
});

// Every field written out: a spread of toChannelPlace here makes each call about 30 times slower
// on Node 20 (a summary pass's 5,000 channels: 60–100 ms on the event loop, against 3).
export const toChannelSettings = (row: ChannelRow | undefined): ChannelSettings => ({
  language: languageOf(row?.language),
  timezone: row?.timezone ?? null,
  summaryDay: row?.summary_day ?? null,
  summaryTime: row?.summary_time ?? null,
  summaryOff: isSet(row?.summary_off),
  threads: isSet(row?.threads),
  openers: isSet(row?.open_admins) ? 'admins' : 'everyone',
  reminders: !isSet(row?.reminders_off),
  nudges: !isSet(row?.nudges_off),
  rhythm:
    row && row.rhythm_day != null && row.rhythm_time != null && row.rhythm_duration_ms != null
      ? {
          day: Number(row.rhythm_day),
          time: row.rhythm_time,
          durationMs: Number(row.rhythm_duration_ms),
          since: Number(row.rhythm_since ?? 0),
        }
      : null,
});

export const asVoteSide = (side: string | null | undefined): VoteSide | null =>
  (side ?? null) as VoteSide | null;

export interface TopicRow {
  id: number;
  number: number;
  text: string;
  proposer_key: string | null;
  proposer_name: string | null;
  proposed_at: number;
  withdrawn_at: number | null;
  endorsements: number;
}

export const toTopic = (row: TopicRow): TopicRecord => ({
  id: row.id,
  number: row.number,
  text: row.text,
  proposerKey: row.proposer_key,
  proposerName: row.proposer_name,
  proposedAt: row.proposed_at,
  withdrawnAt: row.withdrawn_at,
  endorsements: row.endorsements,
});

/** A row of the weekly summaries' sent-ledger. */
export interface LedgerRow {
  platform: string;
  workspace_id: string;
  channel_id: string;
  week_start: string;
  status: string;
  claim_token: string | null;
  claimed_at: number;
  attempts: number;
  scheduled_at: number;
  completed_at: number | null;
  message_ref: string | null;
  note: string | null;
}

export const toLedger = (row: LedgerRow): LedgerEntry => ({
  scope: { platform: row.platform as Platform, workspaceId: row.workspace_id, channelId: row.channel_id },
  weekStart: row.week_start,
  status: row.status as LedgerStatus,
  claimToken: row.claim_token,
  claimedAt: row.claimed_at,
  attempts: row.attempts,
  scheduledAt: row.scheduled_at,
  completedAt: row.completed_at,
  messageRef: row.message_ref,
  note: row.note,
});

/** A row of `installations`: the sealed tokens as stored. */
export interface InstallationTableRow {
  platform: string;
  key: string;
  enterprise_id: string | null;
  team_id: string | null;
  key_id: string;
  sealed: string;
  expires_at: number | null;
  version: number;
}

export const toInstallation = (row: InstallationTableRow): InstallationRow => ({
  platform: row.platform as Platform,
  key: row.key,
  enterpriseId: row.enterprise_id,
  teamId: row.team_id,
  sealed: { keyId: row.key_id, box: row.sealed },
  expiresAt: row.expires_at,
  version: row.version,
});

/** A snapshot's kept common ground: a JSON array of argument ids (anything else: not kept). */
export function parseIds(json: string | null): number[] | null {
  if (json === null) return null;
  try {
    const ids: unknown = JSON.parse(json);
    return Array.isArray(ids) && ids.every((id) => Number.isSafeInteger(id)) ? (ids as number[]) : null;
  } catch {
    return null;
  }
}
