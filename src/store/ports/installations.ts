import type { Platform, WorkspaceScope } from '../../domain/types.ts';
import type { Sealed } from '../../secrets/sealer.ts';

/**
 * An app installed by a workspace (or an Enterprise Grid org, org-wide): its tokens sealed
 * (src/secrets/sealer.ts), never in clear. `key` is the enterprise id of an org-wide install,
 * the team id otherwise.
 */
export interface InstallationRow {
  platform: Platform;
  key: string;
  enterpriseId: string | null;
  teamId: string | null;
  sealed: Sealed;
  /** When the access token expires (ms), for token rotation; null when it never does. */
  expiresAt: number | null;
  /** Bumped by every write: a reseal or a refresh applies only to the version it read. */
  version: number;
}

export interface SaveInstallationInput {
  platform: Platform;
  key: string;
  enterpriseId: string | null;
  teamId: string | null;
  sealed: Sealed;
  expiresAt: number | null;
  at: number;
}

export interface InstallationKey {
  platform: Platform;
  key: string;
}

/** Where installations live: the same database as the debates (SQLite or PostgreSQL). */
export interface InstallationStore {
  /** Creates or replaces an installation; a reinstall cancels the erasure planned at its removal. */
  saveInstallation(input: SaveInstallationInput): Promise<void>;
  installation(which: InstallationKey): Promise<InstallationRow | undefined>;
  /** The row's version alone (no tokens): a cache checks it is still current, undefined once removed. */
  installationVersion(which: InstallationKey): Promise<number | undefined>;
  /**
   * Deletes the installation's tokens at once and plans the erasure of its workspaces' data from
   * the first removal (repeated or late removals keep that first time). True if tokens were deleted.
   */
  removeInstallation(which: InstallationKey, at: number): Promise<boolean>;

  /**
   * The right to refresh the tokens, for one caller across every instance until `until`: the row
   * as it stands when the claim is won, undefined while someone else holds it.
   */
  claimRefresh(
    which: InstallationKey,
    owner: string,
    now: number,
    until: number,
  ): Promise<InstallationRow | undefined>;
  /** Stores refreshed tokens if the claim is still `owner`'s, and releases it. */
  completeRefresh(
    which: InstallationKey,
    owner: string,
    sealed: Sealed,
    expiresAt: number | null,
    at: number,
  ): Promise<boolean>;
  /** Gives the claim up without writing (the refresh failed). */
  releaseRefresh(which: InstallationKey, owner: string): Promise<void>;

  /** Installations sealed under another key than `keyId` (after a key rotation). */
  installationsNotSealedWith(keyId: string): Promise<InstallationRow[]>;
  /** Replaces the sealed tokens of the version read; false if it changed meanwhile. */
  reseal(which: InstallationKey, version: number, sealed: Sealed): Promise<boolean>;

  /** Remembers that `teamId` is reached through the org-wide installation `key`. */
  rememberTeam(platform: Platform, teamId: string, key: string): Promise<void>;
  /** The installation that serves a workspace: its own, or its org's. */
  installationKeyOfTeam(platform: Platform, teamId: string): Promise<string | undefined>;
  /** Installations removed before `before` and not installed again: their data is due for erasure. */
  removedBefore(platform: Platform, before: number): Promise<string[]>;
  /** The workspaces an installation served (the team itself, or the org's teams seen). */
  teamsOf(which: InstallationKey): Promise<string[]>;
  /** Forgets an installation entirely: tokens, its teams, and the planned erasure. */
  dropInstallation(which: InstallationKey): Promise<void>;
  /** Erases every debate, channel setting and summary of the workspace; returns the debates erased. */
  eraseWorkspace(scope: WorkspaceScope): Promise<number>;
}
