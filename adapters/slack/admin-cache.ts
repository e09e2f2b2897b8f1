// Who is a workspace admin or owner: one users.info per person, cached for a while. Concurrent
// lookups of the same person share one call; a failed lookup is not cached and counts as "not admin"
// (the debate's opener keeps their rights through the engine).

export interface SlackPerson {
  isAdmin: boolean;
  /** The person's display name when Slack gives one. */
  name?: string | undefined;
  /** Slack locale, e.g. "fr-FR", when asked for. */
  locale?: string | undefined;
}

export type PersonLookup = (teamId: string, userId: string) => Promise<SlackPerson>;

interface Entry {
  at: number;
  value: Promise<SlackPerson>;
  /** The answer once Slack gave it; undefined while the lookup is in flight. */
  settled?: SlackPerson;
}

export class AdminCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly lookup: PersonLookup,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached answer if there is a fresh one, without calling Slack. */
  peek(teamId: string, userId: string): Promise<SlackPerson> | undefined {
    const entry = this.entries.get(`${teamId}/${userId}`);
    return entry && this.now() - entry.at < this.ttlMs ? entry.value : undefined;
  }

  /** The cached answer only if Slack already gave it: never waits for a lookup in flight. */
  settled(teamId: string, userId: string): SlackPerson | undefined {
    const entry = this.entries.get(`${teamId}/${userId}`);
    return entry && this.now() - entry.at < this.ttlMs ? entry.settled : undefined;
  }

  get(teamId: string, userId: string): Promise<SlackPerson> {
    const cached = this.peek(teamId, userId);
    if (cached) return cached;
    const key = `${teamId}/${userId}`;
    const value = this.lookup(teamId, userId).catch((err: unknown) => {
      this.entries.delete(key);
      this.onError(err);
      return { isAdmin: false };
    });
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const entry: Entry = { at: this.now(), value };
    this.entries.set(key, entry);
    void value.then((person) => {
      if (this.entries.get(key) === entry) entry.settled = person;
    });
    return value;
  }
}
