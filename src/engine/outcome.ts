import type { DebateRecord } from '../domain/records.ts';
import type { Language, Side } from '../domain/types.ts';
import type { ScoreboardRefresh } from '../live/refresh.ts';

export type { ScoreboardRefresh };

import type { Reply } from '../views/types.ts';

/** A form the adapter opens for the person (the argument form, the edit form), in their language. */
export type FormRequest =
  | { kind: 'argument'; debate: number; text?: string | undefined; language: Language }
  | { kind: 'edit'; debate: number; argument: number; side: Side; text: string; language: Language };

/**
 * What the adapter does besides sending the replies: open a form, confirm a thread reply with ✅,
 * ask who the person is (rights), or nothing at all (a repeated click, a thread message that is conversation: acknowledged only).
 */
export type Next =
  | { kind: 'form'; form: FormRequest }
  | { kind: 'react' }
  | { kind: 'ignore' }
  /** Nothing was run: the command checks rights the event did not know; send it again with them. */
  | { kind: 'rights' };

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
  /** What the adapter must do next, besides sending the replies. */
  next?: Next | undefined;
  /** The first reply takes the place of the private message that was clicked (a list, a prompt). */
  replaceClicked?: boolean | undefined;
}
