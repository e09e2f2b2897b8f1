// The read behind every page request, the same on both engines: the debate a link names, the
// version its links are signed with (1 until the first revocation), its revision (0 if none) and
// its channel's language and time zone, which the page is written in.
import type { PageLinkRecord } from '../ports/pages.ts';
import { type ChannelRow, type DebateRow, toChannelPlace, toDebate } from './rows.ts';

const OF_CHANNEL = `FROM channels c
  WHERE c.platform = d.platform AND c.workspace_id = d.workspace_id AND c.channel_id = d.channel_id`;

/**
 * Each store adds its own `WHERE d.uid = <placeholder>`. Scalar subqueries rather than LEFT JOINs:
 * measured on SQLite, 17 µs a read against 60 (it runs once per page request). The channel's
 * two settings ride along: a second read per request held a PostgreSQL connection twice as long.
 */
export const PAGE_LINK_SELECT = `SELECT d.*,
    coalesce((SELECT p.version FROM debate_pages p WHERE p.debate_id = d.id), 1) AS page_version,
    coalesce((SELECT r.revision FROM debate_revisions r WHERE r.debate_id = d.id), 0) AS page_revision,
    (SELECT c.language ${OF_CHANNEL}) AS channel_language,
    (SELECT c.timezone ${OF_CHANNEL}) AS channel_timezone
  FROM debates d`;

export type PageLinkRow = DebateRow & {
  page_version: number;
  /** A bigint on PostgreSQL, read as text. */
  page_revision: number | string;
  channel_language: ChannelRow['language'];
  channel_timezone: ChannelRow['timezone'];
};

export const toPageLink = (row: PageLinkRow): PageLinkRecord => ({
  debate: toDebate(row),
  version: row.page_version,
  revision: Number(row.page_revision),
  // Read as channelSettings reads them, so a page and a command agree on a channel's settings.
  channel: toChannelPlace({ language: row.channel_language, timezone: row.channel_timezone }),
});
