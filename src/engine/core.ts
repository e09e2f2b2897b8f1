import type { Publisher } from '../adapter.ts';
import type { ChannelDefaults, Languages } from '../domain/defaults.ts';
import type { ChannelSettings } from '../domain/records.ts';
import type { Actor, ChannelScope, Language, Platform, WorkspaceScope } from '../domain/types.ts';
import type { PersonalDebatesView, Reply } from '../views/types.ts';
import type { CoreEvent } from './events.ts';
import type { Outcome } from './outcome.ts';

/** The core as adapters see it (docs/core-api.md): they never reach the store. */
export interface DebateCore {
  readonly defaults: ChannelDefaults;
  /**
   * The one intake: a line, typed options, a button, a form, a thread reply. Validates, finds the
   * debate, closes and announces what expired, decides repeated clicks, runs it; what the adapter
   * must do next comes back in the outcome. Never throws.
   */
  receive(event: CoreEvent): Promise<Outcome>;
  /** The channel's language for public posts; the person's locale, if known, for private answers. */
  languages(inv: ChannelScope & { locale?: Language | undefined }): Promise<Languages>;
  /** The public scoreboard of a debate as it stands now, with its message reference. */
  liveScoreboard(
    scope: WorkspaceScope,
    number: number,
  ): Promise<(Reply & { ref: string | null }) | undefined>;
  /** Remembers the posted message of a new debate's scoreboard, as posted (and brings it up to date). */
  attachScoreboard(scope: ChannelScope, number: number, ref: string, posted?: Reply): Promise<void>;
  channelSettings(scope: ChannelScope): Promise<ChannelSettings>;
  /** The debates a person opened or took part in (e.g. Slack's App Home). */
  personalDebates(who: WorkspaceScope & { user: Actor }, limit?: number): Promise<PersonalDebatesView>;
  /** How this platform posts and edits messages for the core. */
  registerPublisher(platform: Platform, publisher: Publisher): void;
  /** Resolves once every scoreboard update and announcement asked for so far is sent. */
  settled(): Promise<void>;
  /** Updates and announcements waiting or running. */
  readonly unsettled: number;
}
