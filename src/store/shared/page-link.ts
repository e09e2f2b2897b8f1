// The read behind every page request, the same on both engines: the debate a link names, the
// version its links are signed with (1 until the first revocation) and its revision (0 if none).
import type { PageLinkRecord } from '../ports/pages.ts';
import { type DebateRow, toDebate } from './rows.ts';

/** Each store adds its own `WHERE d.uid = <placeholder>`. */
export const PAGE_LINK_SELECT = `SELECT d.*, coalesce(p.version, 1) AS page_version, coalesce(r.revision, 0) AS page_revision
  FROM debates d LEFT JOIN debate_pages p ON p.debate_id = d.id LEFT JOIN debate_revisions r ON r.debate_id = d.id`;

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
