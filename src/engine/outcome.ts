import type { DebateRecord } from '../domain/records.ts';
import type { ChannelScope } from '../domain/types.ts';
import type { Reply } from '../views/types.ts';

/** A debate whose live scoreboard changed; the core's live-scoreboard service brings it up to date. */
export interface ScoreboardRefresh {
  scope: ChannelScope;
  number: number;
}

/** What the engine answers to one command: replies to render, scoreboards that changed. */
export interface Outcome {
  replies: Reply[];
  refresh: ScoreboardRefresh[];
  /** A freshly opened debate whose scoreboard is the public reply: attach its message ref. */
  opened?: { number: number } | undefined;
  /** Debates whose duration ended while this command ran: the core announces each in its channel. */
  ended?: DebateRecord[] | undefined;
  /** The acting person's own lists changed (forget-me): views of them, like Slack's Home tab, are stale. */
  personalChanged?: boolean | undefined;
}
