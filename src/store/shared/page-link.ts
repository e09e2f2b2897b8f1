// The read behind every page request, the same on both engines: the debate a link names, the
// version its links are signed with (1 until the first revocation) and its revision (0 if none).
import type { PageLinkRecord } from '../ports/pages.ts';
import { type DebateRow, toDebate } from './rows.ts';

/**
 * Each store adds its own `WHERE d.uid = <placeholder>`. Scalar subqueries rather than LEFT JOINs:
 * measured on SQLite, 17 µs a read against 60 (it runs once per page request).
 */
export const PAGE_LINK_SELECT = `SELECT d.*,
    coalesce((SELECT p.version FROM debate_pages p WHERE p.debate_id = d.id), 1) AS page_version,
    coalesce((SELECT r.revision FROM debate_revisions r WHERE r.debate_id = d.id), 0) AS page_revision
  FROM debates d`;

export type PageLinkRow = DebateRow & {
  page_version: number;
  /** A bigint on PostgreSQL, read as text. */
  page_revision: number | string;
};

export const toPageLink = (row: PageLinkRow): PageLinkRecord => ({
  debate: toDebate(row),
  version: row.page_version,
  revision: Number(row.page_revision),
});
