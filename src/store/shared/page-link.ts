// The read behind every page request, the same on both engines: the debate a link names, the
// version its links are signed with (1 until the first revocation) and its revision (0 if none).
export const PAGE_LINK = `SELECT d.*, coalesce(p.version, 1) AS page_version, coalesce(r.revision, 0) AS page_revision
  FROM debates d LEFT JOIN debate_pages p ON p.debate_id = d.id LEFT JOIN debate_revisions r ON r.debate_id = d.id
  WHERE d.uid = ?`;

export interface PageLinkColumns {
  page_version: number;
  page_revision: number;
}
