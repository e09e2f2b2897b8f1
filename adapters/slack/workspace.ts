// Which workspace a piece of work belongs to, and the Web API client holding its token. With one
// bot token there is one client; with OAuth (many workspaces) every request runs with the client
// Bolt authorized for it, and work the core starts (posts, scoreboard edits) with the client of
// the debate's workspace. Handlers read `rt.client` and get the right one either way.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { webApi } from '@slack/bolt';

export interface WorkspaceContext {
  /** The workspace Bolt authorized the request for (the installation's team). */
  team: string;
  client: webApi.WebClient;
}

const current = new AsyncLocalStorage<WorkspaceContext>();

export const currentWorkspace = (): WorkspaceContext | undefined => current.getStore();

export function inWorkspace<T>(context: WorkspaceContext, work: () => Promise<T>): Promise<T> {
  return current.run(context, work);
}

/** Finds the client of a workspace: the one bot token's, or its installation's. */
export type ClientFor = (team: string) => Promise<webApi.WebClient>;
