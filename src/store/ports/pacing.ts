/** The right to edit one scoreboard message now, or how long to wait for it. */
export type PacingSlot =
  | {
      granted: true /** When it was granted, by the shared clock (ms). */;
      at: number;
      release(): Promise<void>;
    }
  | { granted: false; waitMs: number };

/**
 * Edit slots per scoreboard shared by every process that edits the same messages (a fleet on
 * one database): a slot is granted at most once per interval, and held while the scoreboard is
 * read and sent, so no two edits of one message overlap and a later render never lands before
 * an earlier one. Without it, the coalescer alone paces the edits of one process.
 */
export interface ScoreboardPacing {
  claim(key: string, intervalMs: number): Promise<PacingSlot>;
}
