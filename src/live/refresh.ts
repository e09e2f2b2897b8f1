import type { ChannelScope } from '../domain/types.ts';

/** A debate whose live scoreboard changed; the core's live-scoreboard service brings it up to date. */
export interface ScoreboardRefresh {
  scope: ChannelScope;
  number: number;
}
