// What is kept after an app is removed from a workspace: its tokens are deleted at once; its
// debates, channel settings and summaries stay for the retention period (a reinstall finds them),
// then are erased. `forgetWorkspace` erases them at once (debat forget-workspace).

import type { Logger } from '../domain/logger.ts';
import type { Platform } from '../domain/types.ts';
import type { InstallationStore } from '../store/ports/installations.ts';

export const DEFAULT_RETENTION_MS = 30 * 24 * 3_600_000;

/** Erases the data of installations removed more than `retentionMs` ago; returns the workspaces erased. */
export async function eraseExpired(
  store: InstallationStore,
  platform: Platform,
  now: number,
  retentionMs: number,
  logger?: Logger,
): Promise<string[]> {
  const erased: string[] = [];
  for (const key of await store.removedBefore(platform, now - retentionMs)) {
    for (const team of await store.teamsOf({ platform, key })) {
      const debates = await store.eraseWorkspace({ platform, workspaceId: team });
      logger?.info(
        { platform, workspace: team, debates },
        'workspace data erased after its retention period',
      );
      erased.push(team);
    }
    await store.dropInstallation({ platform, key });
  }
  return erased;
}

/** Erases a workspace now: its tokens, debates, settings and summaries. Returns the debates erased. */
export async function forgetWorkspace(
  store: InstallationStore,
  platform: Platform,
  workspaceId: string,
): Promise<number> {
  const key = (await store.installationKeyOfTeam(platform, workspaceId)) ?? workspaceId;
  // A workspace of an org-wide install: the org keeps its installation, the workspace its data no more.
  if (key === workspaceId) await store.dropInstallation({ platform, key });
  return store.eraseWorkspace({ platform, workspaceId });
}
