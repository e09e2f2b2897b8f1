// Live scoreboards, once for every platform: after any command (a close by duration and a
// forget-me included) the engine says which debates changed; this service coalesces them per
// debate (at most one edit per interval, the last one always with the final state) and asks the
// platform's Publisher to render and send. Adapters keep only rendering, sending and their limits.
import type { PostDelivery, Publisher } from '../adapter.ts';
import type { Logger } from '../domain/logger.ts';
import type { ChannelScope, Platform, WorkspaceScope } from '../domain/types.ts';
import { metrics } from '../metrics.ts';
import type { ScoreboardPacing } from '../store/ports/pacing.ts';
import type { Reply } from '../views/types.ts';
import { UNCHANGED, type UpdateCoalescer, type UpdateResult } from './coalescer.ts';
import type { ScoreboardRefresh } from './refresh.ts';

/** Where the service reads a debate's scoreboard as it stands now, with its message reference. */
export type LiveSource = (
  scope: WorkspaceScope,
  number: number,
) => Promise<(Reply & { ref: string | null }) | undefined>;

/** A scoreboard to send: where, through which platform, and what it will show. */
interface Live {
  debate: ScoreboardRefresh;
  publisher: Publisher;
  reply: Reply;
  ref: string;
  shown: string;
}

/** What a message shows, to tell whether an edit would change anything. */
const shownAs = (reply: Reply): string => JSON.stringify([reply.language, reply.view]);
const SHOWN_MEMORY = 10_000;

export class LiveScoreboards {
  readonly #publishers = new Map<Platform, Publisher>();
  /** Per message reference, what it shows as posted or last edited: the same again is not sent. */
  readonly #shown = new Map<string, string>();
  readonly #announcing = new Set<Promise<void>>();

  constructor(
    private readonly source: LiveSource,
    private readonly coalescer: UpdateCoalescer,
    private readonly logger: Logger,
    /** Edit slots shared with the other instances of a fleet (see pacing.ts); none for one process. */
    private readonly pacing?: { slots: ScoreboardPacing; intervalMs: number },
  ) {}

  /** The platform's way to post and edit messages; scoreboards of other platforms are not its own. */
  register(platform: Platform, publisher: Publisher): void {
    this.#publishers.set(platform, publisher);
  }

  /** These debates' scoreboards changed: bring each up to date, coalesced per debate. */
  changed(debates: readonly ScoreboardRefresh[]): void {
    for (const debate of debates) {
      const key = `${debate.scope.platform}\u0000${debate.scope.workspaceId}\u0000${debate.number}`;
      this.coalescer.schedule(key, () => this.#paced(key, debate));
    }
  }

  /** Posts a public message in a debate's channel (the announcement that it has ended). */
  announce(scope: ChannelScope, reply: Reply, delivery?: PostDelivery, posted?: () => Promise<void>): void {
    const publisher = this.#publishers.get(scope.platform);
    if (!publisher) return;
    const posting = publisher
      .post(scope, reply, [], delivery)
      .then(() => posted?.())
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, platform: scope.platform, channel: scope.channelId },
          'announcement failed',
        ),
      )
      .finally(() => this.#announcing.delete(posting));
    this.#announcing.add(posting);
  }

  /** With a fleet's slots: read and send only while holding this scoreboard's slot. */
  async #paced(key: string, debate: ScoreboardRefresh): Promise<UpdateResult> {
    // Nothing to send (no message yet, or it already shows this): no edit, and no slot taken.
    const current = await this.#changed(debate);
    if (!current) return UNCHANGED;
    if (!this.pacing) return this.#send(current);
    const slot = await this.pacing.slots.claim(key, this.pacing.intervalMs);
    if (!slot.granted) return { retryAfterMs: slot.waitMs };
    try {
      // Read again under the slot: a later render never lands before an earlier one.
      const latest = await this.#changed(debate);
      return latest ? await this.#send(latest) : UNCHANGED;
    } finally {
      await slot.release();
    }
  }

  /** The scoreboard as it stands, if its message exists and shows something else. */
  async #changed(debate: ScoreboardRefresh): Promise<Live | undefined> {
    const publisher = this.#publishers.get(debate.scope.platform);
    if (!publisher) return undefined;
    const live = await this.source(debate.scope, debate.number);
    // Not posted yet (or posted where it cannot be edited): attaching its message will refresh it.
    if (!live?.ref) return undefined;
    const shown = shownAs(live);
    if (this.#shown.get(live.ref) === shown) return undefined;
    return { debate, publisher, reply: live, ref: live.ref, shown };
  }

  async #send({ debate, publisher, reply, ref, shown }: Live): Promise<UpdateResult> {
    const result = await publisher.update(ref, reply, debate.scope);
    if (result === undefined) this.#remember(ref, shown);
    const platform = debate.scope.platform;
    if (result !== undefined && 'retryAfterMs' in result) metrics.scoreboardRateLimited.inc({ platform });
    else metrics.scoreboardEdits.inc({ platform });
    return result;
  }

  /** A scoreboard was posted as `reply`: an update showing the same is not sent. */
  posted(ref: string, reply: Reply): void {
    this.#remember(ref, shownAs(reply));
  }

  #remember(ref: string, shown: string): void {
    // A memory of recent messages only: forgetting one costs at most one edit that changes nothing.
    if (this.#shown.size >= SHOWN_MEMORY) this.#shown.clear();
    this.#shown.set(ref, shown);
  }

  /** Scoreboard updates waiting or running, and announcements on their way. */
  get size(): number {
    return this.coalescer.size + this.#announcing.size;
  }

  /** Sends every waiting update and announcement now, and waits for them. */
  async flush(): Promise<void> {
    do {
      await Promise.all([...this.#announcing]);
      await this.coalescer.flush();
    } while (this.#announcing.size > 0);
  }

  /** Flushes, then takes no more work (shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.#announcing]);
    await this.coalescer.close();
  }
}
