import type { DebateStatus, Language, Platform, Side, VoteSide } from '../domain/types.ts';
import type { ArgumentRecord, ChannelSettings, DebateRecord } from './ports.ts';

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
  anonymous: number;
  hidden: number;
  status: string;
  opened_at: number;
  closes_at: number | null;
  closed_at: number | null;
  scoreboard_ref: string | null;
  next_argument: number;
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
  anonymous: row.anonymous === 1,
  hidden: row.hidden === 1,
  status: row.status as DebateStatus,
  openedAt: row.opened_at,
  closesAt: row.closes_at,
  closedAt: row.closed_at,
  scoreboardRef: row.scoreboard_ref,
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

/** Selects an argument with its endorsement and ∆ counts; append WHERE/ORDER clauses. */
export const ARGUMENT_SELECT = `
  SELECT a.id, a.number, a.side, a.text, a.author_key, a.author_name, a.created_at, a.withdrawn_at, a.edited_at,
    (SELECT count(*) FROM endorsements e WHERE e.argument_id = a.id) AS endorsements,
    (SELECT count(*) FROM vote_events v WHERE v.persuaded_by = a.id) AS deltas
  FROM arguments a`;

export interface ChannelRow {
  timezone: string | null;
  summary_day: number | null;
  summary_time: string | null;
  summary_off: number;
  language: string | null;
  threads: number;
  open_admins: number;
  reminders_off: number;
  nudges_off: number;
  rhythm_day: number | null;
  rhythm_time: string | null;
  rhythm_duration_ms: number | null;
  rhythm_since: number | null;
}

export const toChannelSettings = (row: ChannelRow | undefined): ChannelSettings => ({
  timezone: row?.timezone ?? null,
  summaryDay: row?.summary_day ?? null,
  summaryTime: row?.summary_time ?? null,
  summaryOff: row?.summary_off === 1,
  language: (row?.language as Language | null | undefined) ?? null,
  threads: row?.threads === 1,
  openers: row?.open_admins === 1 ? 'admins' : 'everyone',
  reminders: row?.reminders_off !== 1,
  nudges: row?.nudges_off !== 1,
  rhythm:
    row && row.rhythm_day !== null && row.rhythm_time !== null && row.rhythm_duration_ms !== null
      ? {
          day: row.rhythm_day,
          time: row.rhythm_time,
          durationMs: row.rhythm_duration_ms,
          since: row.rhythm_since ?? 0,
        }
      : null,
});

export const asVoteSide = (side: string | null): VoteSide | null => side as VoteSide | null;
