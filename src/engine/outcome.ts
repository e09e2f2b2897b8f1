import type { ChannelScope } from '../domain/types.ts';
import type { Reply } from '../views/types.ts';

/** A debate whose live scoreboard should be brought up to date by the adapter that posted it. */
export interface ScoreboardRefresh {
  scope: ChannelScope;
  number: number;
  /** The adapter's reference of the posted scoreboard message, if one was posted. */
  ref: string | null;
}

/** What the engine answers to one command: replies to render, scoreboards to refresh. */
export interface Outcome {
  replies: Reply[];
  refresh: ScoreboardRefresh[];
  /** A freshly opened debate whose scoreboard is the public reply: attach its message ref. */
  opened?: { number: number } | undefined;
}
