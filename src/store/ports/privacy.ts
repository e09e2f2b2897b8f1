import type { DebateRecord } from '../../domain/records.ts';
import type { WorkspaceScope } from '../../domain/types.ts';

/** What privacy asks of the store: a person forgotten, anonymous debates' order and links destroyed. */
export interface PrivacyStore {
  /** Every debate of the workspace that may hold the person's traces. */
  debatesOfWorkspace(scope: WorkspaceScope): Promise<Pick<DebateRecord, 'id' | 'uid' | 'anonymous'>[]>;

  /** Deletes votes, vote history and endorsements under these keys; detaches authored arguments. */
  forgetParticipant(
    scope: WorkspaceScope,
    keys: readonly string[],
  ): Promise<{ votes: number; endorsements: number; arguments: number }>;

  /**
   * Rewrites, in key order, the rows (votes, vote events, endorsements) of the anonymous debates
   * this store wrote to since the last call, so that neither their place in the files nor the
   * log tells which came first; returns how many debates.
   */
  scrubAnonymousOrder(): Promise<number>;

  /**
   * Destroys the links of the anonymous debates closed before `before` (and not yet unlinked):
   * their votes', events' and endorsements' keys become random ones, their arguments and opener
   * lose theirs; sides and counts stay. Nothing, the anonymity key included, links them to anyone
   * afterwards. Returns the debates unlinked.
   */
  unlinkEnded(before: number): Promise<number[]>;

  /**
   * Finishes the erasures whose files could not be cleaned at once (a reader or transaction older
   * than the erasure still saw the erased rows, or held a table): true when none is left to do.
   */
  finishErasures(): Promise<boolean>;
}
