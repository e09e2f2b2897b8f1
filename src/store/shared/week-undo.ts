import type { Counts } from '../../domain/records.ts';
import type { VoteSide } from '../../domain/types.ts';

export interface ChangeAfter {
  debate_id: number;
  old_side: VoteSide | null;
  new_side: VoteSide | null;
}

/**
 * The tally as of the end of a window: every change after it undone, one by one. Each change
 * moved one vote from its old side to its new one, so the undoing needs no order (anonymous
 * debates keep none within a day) and no voter.
 */
export function undoChangesAfter(
  changes: Iterable<ChangeAfter>,
  countsOf: (debateId: number) => Counts,
): void {
  for (const change of changes) {
    const counts = countsOf(change.debate_id);
    if (change.new_side !== null) counts[change.new_side]--;
    if (change.old_side !== null) counts[change.old_side]++;
  }
}
