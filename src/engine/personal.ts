import type { Actor, WorkspaceScope } from '../domain/types.ts';
import { debateHeader, resultsVisible } from '../views/build.ts';
import type { PersonalDebatesView } from '../views/types.ts';
import type { EngineDeps } from './deps.ts';
import { participantKey } from './identity.ts';

/** The debates a person opened or took part in across the workspace, with their own vote. */
export async function personalDebates(
  deps: EngineDeps,
  who: WorkspaceScope & { user: Actor },
  limit: number,
): Promise<PersonalDebatesView> {
  const rows = await deps.store.debatesTouchedBy(who, await personKeys(deps, who), limit);
  return {
    kind: 'personalDebates',
    items: rows.map((row) => ({
      debate: debateHeader(row.debate),
      channelId: row.debate.channelId,
      counts: resultsVisible(row.debate) ? row.counts : null,
      argumentCount: row.argumentCount,
      viewerVote: row.viewerVote,
      opened: row.opened,
    })),
  };
}

/** Every key a person's traces are stored under in the workspace: their id, and one per anonymous debate. */
export async function personKeys(deps: EngineDeps, who: WorkspaceScope & { user: Actor }): Promise<string[]> {
  const keys = new Set<string>([who.user.id]);
  for (const debate of await deps.store.debatesOfWorkspace(who))
    if (debate.anonymous) keys.add(participantKey(deps.secret, debate, { ...who, userId: who.user.id }));
  return [...keys];
}
