import { createHash } from 'node:crypto';
import type { Publisher } from '../adapter.ts';
import type { Command } from '../commands/command.ts';
import { parseCommand } from '../commands/parse.ts';
import { REOPEN_WINDOW_MS } from '../domain/anonymity.ts';
import type { Clock } from '../domain/clock.ts';
import type { ChannelDefaults, Languages } from '../domain/defaults.ts';
import type { Logger } from '../domain/logger.ts';
import type { ChannelSettings, DebateRecord } from '../domain/records.ts';
import type { Result } from '../domain/result.ts';
import type { Actor, ChannelScope, Invocation, Language, Platform, WorkspaceScope } from '../domain/types.ts';
import { UpdateCoalescer } from '../live/coalescer.ts';
import { InstanceLease } from '../live/instance-lease.ts';
import { LiveScoreboards } from '../live/live-scoreboards.ts';
import { outcomeLabel, recordAnswer } from '../metrics.ts';
import { linkPersonalDebates } from '../page/decorate.ts';
import { type PageLinkOptions, PageLinks } from '../page/links.ts';
import type { DebateStore } from '../store/ports/debate-store.ts';
import type { ScoreboardPacing } from '../store/ports/pacing.ts';
import type { ClickRecord } from '../store/ports/votes.ts';
import { scoreboardView } from '../views/build.ts';
import type { PersonalDebatesView, Reply } from '../views/types.ts';
import { endedAnnouncement } from './announcements.ts';
import { errorOutcome, refreshOf } from './answers.ts';
import type { DebateCore } from './core.ts';
import type { EngineDeps } from './deps.ts';
import { type EditForm, edit, editForm } from './editing.ts';
import { conclude, postHalftimes, round2, sectionsOf } from './endings.ts';
import type { CoreEvent } from './events.ts';
import { generateSecret } from './identity.ts';
import { Intake } from './intake.ts';
import { postNudges, postReminders } from './keep-alive.ts';
import { clickKey } from './keys.ts';
import { closeDebate, forgetMe, reopenDebate, settings } from './moderation.ts';
import type { Outcome, ScoreboardRefresh } from './outcome.ts';
import { pageCommand } from './page.ts';
import { argue, delta, endorse, openDebate, vote, withdraw } from './participation.ts';
import { personalDebates } from './personal.ts';
import { exportDebate, help, listArguments, listDebates, tally } from './reading.ts';
import { openWeeklyDebates, topics } from './topics.ts';

export interface EngineOptions {
  store: DebateStore;
  clock: Clock;
  logger: Logger;
  defaults: ChannelDefaults;
  /** The anonymity key (src/anonymity-secret.ts); absent, a key of this process alone (tests, tools). */
  secret?: string | undefined;
  /** At most one edit per live scoreboard in this interval (default 2 s). */
  scoreboardIntervalMs?: number | undefined;
  /** Edit slots shared by a fleet's instances (PostgreSQL); one process paces alone. */
  scoreboardPacing?: ScoreboardPacing | undefined;
  /** Debate pages: their store and the base of their links. */
  pages?: PageLinkOptions | undefined;
  /** This instance's lease (default: a new one on the store). */
  lease?: InstanceLease | undefined;
}

const LANGUAGE_MEMORY_MS = 5_000;
const channelKey = (scope: ChannelScope): string =>
  `${scope.platform}\u0000${scope.workspaceId}\u0000${scope.channelId}`;

/** How long a click is remembered for the repeat-click rule (far past its window). */
const CLICK_MEMORY_MS = 60_000;
const END_ANNOUNCEMENT_BATCH = 50;
/** The same key for every attempt at announcing one debate's end, on every instance. */
const endPostKey = (debate: DebateRecord): string =>
  `e${createHash('sha256').update(debate.uid).digest('base64url').slice(0, 24)}`;

/** How long a platform delivery id is remembered for deduplication. */
export const DELIVERY_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * The debate engine: commands in, views out. What it pushes unasked (live scoreboards, the
 * announcement that a debate has ended) goes through the platforms' Publishers, never an adapter.
 */
export class DebateEngine implements DebateCore {
  private readonly channelLanguages = new Map<
    string,
    { language: Language; timezone: string; until: number }
  >();
  private readonly live: LiveScoreboards;
  private readonly intake: Intake;
  /** The platforms this process posts to: reminders and nudges are claimed for those only. */
  private readonly publishers = new Map<Platform, Publisher>();
  /** An erasure's files are still to clean (said once to the operator, and once when done). */
  private erasuresLeft = false;

  private constructor(
    private readonly deps: EngineDeps,
    scoreboardIntervalMs: number,
    pacing?: ScoreboardPacing,
  ) {
    this.live = new LiveScoreboards(
      (scope, number) => this.liveScoreboard(scope, number),
      new UpdateCoalescer(scoreboardIntervalMs, deps.logger),
      deps.logger,
      pacing && { slots: pacing, intervalMs: scoreboardIntervalMs },
    );
    this.intake = new Intake(this, deps.store, (inv, click) => clickKey(deps, inv, click));
    // Settings saved by another instance: its language and time zone are read again at once.
    deps.store.watchSettings?.((scope) =>
      scope ? this.channelLanguages.delete(channelKey(scope)) : this.channelLanguages.clear(),
    );
  }

  static async create(options: EngineOptions): Promise<DebateEngine> {
    const secret = options.secret ?? generateSecret();
    const pages =
      options.pages && new PageLinks(options.pages, secret, (scope, n) => options.store.findDebate(scope, n));
    const lease = options.lease ?? new InstanceLease(options.store, options.clock, options.logger);
    return new DebateEngine(
      { ...options, secret, pages, lease },
      options.scoreboardIntervalMs ?? 2_000,
      options.scoreboardPacing,
    );
  }

  /** This instance's lease: the summary scheduler claims under it too. */
  get lease(): InstanceLease {
    return this.deps.lease;
  }

  /** The debate pages' links, for the web server and the weekly summary. */
  get pages(): PageLinks | undefined {
    return this.deps.pages;
  }

  get defaults(): ChannelDefaults {
    return this.deps.defaults;
  }

  /** How a platform posts and edits messages for the core (scoreboards, announcements). */
  registerPublisher(platform: Platform, publisher: Publisher): void {
    this.live.register(platform, publisher);
    this.publishers.set(platform, publisher);
  }

  /** Resolves once every scoreboard update and announcement asked for so far is sent. */
  settled(): Promise<void> {
    return this.live.flush();
  }

  /** Updates and announcements waiting or running. */
  get unsettled(): number {
    return this.live.size;
  }

  /** Sends what is pending, then takes no more (shutdown, after the adapters stopped). */
  close(): Promise<void> {
    return this.live.close();
  }

  /** Every event of every adapter: see Intake. An unexpected failure is answered with an apology. */
  async receive(event: CoreEvent): Promise<Outcome> {
    try {
      return await this.intake.receive(event);
    } catch (error) {
      this.deps.logger.error(
        { err: error, event: event.kind, platform: event.inv.platform, workspace: event.inv.workspaceId },
        'event failed',
      );
      return errorOutcome(this.fallbackLanguages(event.inv), { code: 'internal' });
    }
  }

  /** Parses a `/debat` line and runs it. */
  async run(inv: Invocation, text: string): Promise<Outcome> {
    const languages = await this.languages(inv).catch(() => this.fallbackLanguages(inv));
    const parsed = parseCommand(text);
    if (!parsed.ok) return errorOutcome(languages, parsed.error);
    return this.execute(inv, parsed.value, languages);
  }

  /**
   * Runs a command; an unexpected failure is logged and answered with an apology, never thrown.
   * `click`: the button's click, when the store records it with the command (a vote).
   */
  async execute(inv: Invocation, command: Command, known?: Languages, click?: ClickRecord): Promise<Outcome> {
    let languages = known ?? this.fallbackLanguages(inv);
    const startedAt = performance.now();
    try {
      languages = known ?? (await this.languages(inv));
      const setting = command.kind === 'settings' ? command.change?.setting : undefined;
      if (setting === 'language' || setting === 'timezone') this.channelLanguages.delete(channelKey(inv));
      const outcome = await this.dispatch(inv, command, languages, click);
      await this.publish(outcome.refresh, outcome.ended ?? []);
      const label = outcome.next?.kind === 'ignore' ? 'repeat' : outcomeLabel(outcome.replies);
      recordAnswer(inv.platform, command.kind, label, startedAt);
      return outcome;
    } catch (error) {
      recordAnswer(inv.platform, command.kind, 'internal', startedAt);
      // No user id in the log: it could name an anonymous voter.
      this.deps.logger.error(
        {
          err: error,
          command: command.kind,
          platform: inv.platform,
          workspace: inv.workspaceId,
          channel: inv.channelId,
        },
        'command failed',
      );
      return errorOutcome(languages, { code: 'internal' });
    }
  }

  private dispatch(
    inv: Invocation,
    command: Command,
    languages: Languages,
    click: ClickRecord | undefined,
  ): Promise<Outcome> {
    const { deps } = this;
    switch (command.kind) {
      case 'open':
        return openDebate(deps, inv, command, languages);
      case 'argue':
        return argue(deps, inv, command, languages);
      case 'vote':
        return vote(deps, inv, command, languages, click);
      case 'endorse':
        return endorse(deps, inv, command, languages);
      case 'withdraw':
        return withdraw(deps, inv, command, languages);
      case 'edit':
        return edit(deps, inv, command, languages);
      case 'delta':
        return delta(deps, inv, command, languages);
      case 'arguments':
        return listArguments(deps, inv, command, languages);
      case 'list':
        return listDebates(deps, inv, command, languages);
      case 'tally':
        return tally(deps, inv, command, languages);
      case 'close':
        return closeDebate(deps, inv, command, languages);
      case 'reopen':
        return reopenDebate(deps, inv, command, languages);
      case 'conclude':
        return conclude(deps, inv, command, languages);
      case 'round2':
        return round2(deps, inv, command, languages);
      case 'settings':
        return settings(deps, inv, command, languages);
      case 'export':
        return exportDebate(deps, inv, command, languages);
      case 'page':
        return pageCommand(deps, inv, command, languages);
      case 'forgetMe':
        return forgetMe(deps, inv, command, languages);
      case 'topics':
        return topics(deps, inv, command, languages);
      case 'help':
        return help(deps, inv, command, languages);
    }
  }

  /**
   * The channel's language for public posts; the person's locale, if known, for private answers.
   * Remembered for a few seconds: every command asks, and it changes rarely (at once here, within
   * LANGUAGE_MEMORY_MS for another process on the same database).
   */
  async languages(inv: ChannelScope & { locale?: Language | undefined }): Promise<Languages> {
    const key = channelKey(inv);
    const now = Date.now();
    let remembered = this.channelLanguages.get(key);
    if (!remembered || remembered.until <= now) {
      const settings = await this.deps.store.channelSettings(inv);
      const language = settings.language ?? this.deps.defaults.language;
      const timezone = settings.timezone ?? this.deps.defaults.timezone;
      remembered = { language, timezone, until: now + LANGUAGE_MEMORY_MS };
      if (this.channelLanguages.size >= 10_000) this.channelLanguages.clear();
      this.channelLanguages.set(key, remembered);
    }
    return {
      public: remembered.language,
      private: inv.locale ?? remembered.language,
      timezone: remembered.timezone,
    };
  }

  private fallbackLanguages(inv: { locale?: Language | undefined }): Languages {
    const { language, timezone } = this.deps.defaults;
    return { public: language, private: inv.locale ?? language, timezone };
  }

  /** The public scoreboard of a debate as it stands now, in its channel's language. */
  async liveScoreboard(
    scope: WorkspaceScope,
    number: number,
  ): Promise<(Reply & { ref: string | null }) | undefined> {
    const debate = await this.deps.store.findDebate(scope, number);
    if (!debate) return undefined;
    const data = await this.deps.store.scoreboard(debate.id);
    const { public: language, timezone } = await this.languages(debate);
    // The two rounds and the closing note; common ground is for bilan and the end (it reads every endorsement).
    const sections = await sectionsOf(this.deps, data.debate, data.counts);
    return {
      visibility: 'public',
      language,
      view: {
        ...scoreboardView(data, timezone),
        ...(sections.length > 0 ? { sections } : {}),
        // The debate of the week keeps its heading on every edit, as when it was posted.
        ...(data.weekly ? { weekly: true } : {}),
        pageUrl: await this.deps.pages?.url(debate),
      },
      ref: debate.scoreboardRef,
    };
  }

  /**
   * Remembers which posted message is the debate's live scoreboard, and brings it up to date if
   * votes came in before the message was known (`posted`: what it shows, so nothing else is sent).
   */
  async attachScoreboard(scope: ChannelScope, number: number, ref: string, posted?: Reply): Promise<void> {
    const debate = await this.deps.store.findDebate(scope, number);
    if (!debate || debate.channelId !== scope.channelId) return;
    await this.deps.store.setScoreboardRef(debate.id, ref);
    if (posted) this.live.posted(ref, posted);
    this.live.changed([refreshOf(debate)]);
  }

  /** An argument as its author may still edit it (the edit form starts from it), or why not. */
  async editForm(inv: Invocation, debate: number, argument: number): Promise<Result<EditForm>> {
    const ended: DebateRecord[] = [];
    const form = await editForm(this.deps, inv, debate, argument, ended);
    // The debate may have met its end just now: closed, its scoreboard refreshed and the end announced.
    await this.publish(ended.map(refreshOf), ended);
    return form;
  }

  /** The channel's settings as they stand, defaults applied (e.g. whether debates get a thread). */
  async channelSettings(scope: ChannelScope): Promise<ChannelSettings> {
    return this.deps.store.channelSettings(scope);
  }

  /** The debates a person opened or took part in, open ones first (e.g. Slack's App Home). */
  personalDebates(who: WorkspaceScope & { user: Actor }, limit = 20): Promise<PersonalDebatesView> {
    return personalDebates(this.deps, who, limit).then((view) =>
      linkPersonalDebates(this.deps.pages, who, view),
    );
  }

  /**
   * Periodic upkeep: closes debates whose duration ended (each refreshed and announced in its
   * channel, exactly once: the store returns a debate from one close only), posts the reminders
   * and nudges that came due, forgets old delivery ids.
   */
  async sweep(): Promise<DebateRecord[]> {
    const now = this.deps.clock.now().getTime();
    const closed = await this.deps.store.closeExpired(now);
    this.live.changed(closed.map(refreshOf));
    // Every end not yet announced (closed now, or whose post failed before), for this process's platforms.
    await this.announceEnds(now);
    await this.keepAlive(now);
    await this.deps.store.pruneDeliveries(now - DELIVERY_MEMORY_MS);
    await this.deps.store.pruneClicks(now - CLICK_MEMORY_MS);
    // Anonymous debates: no order left in the rows written since the last sweep, and no link
    // left to their people once they can no longer be reopened.
    await this.deps.store.scrubAnonymousOrder();
    await this.deps.store.unlinkEnded(now - REOPEN_WINDOW_MS);
    await this.finishErasures();
    return closed;
  }

  /** Erasures whose files an older transaction or reader kept from cleaning: tried again. */
  private async finishErasures(): Promise<void> {
    const left = !(await this.deps.store.finishErasures());
    if (left && !this.erasuresLeft)
      this.deps.logger.warn(
        {},
        'erasure: a transaction or reader older than an erasure still sees the erased rows; their files are cleaned at a later sweep',
      );
    else if (!left && this.erasuresLeft)
      this.deps.logger.info({}, 'erasure: the files of every erasure are clean');
    this.erasuresLeft = left;
  }

  /** The debates of the week, reminders before the end and balance nudges that have come due. */
  private async keepAlive(now: number): Promise<void> {
    if (this.publishers.size === 0) return;
    const languagesOf = (scope: ChannelScope) => this.languages(scope);
    await openWeeklyDebates(
      this.deps,
      this.publishers,
      languagesOf,
      (scope, n, ref) => this.attachScoreboard(scope, n, ref),
      now,
    );
    const halftime = await postHalftimes(this.deps, this.publishers, languagesOf, now);
    this.live.changed(halftime.map(refreshOf));
    await postReminders(this.deps, this.publishers, languagesOf, now);
    await postNudges(this.deps, this.publishers, languagesOf, now);
  }

  /** Schedules the scoreboards' updates and announces the debates that ended. */
  private async publish(
    refresh: readonly ScoreboardRefresh[],
    ended: readonly DebateRecord[],
  ): Promise<void> {
    this.live.changed(refresh);
    if (ended.length > 0) await this.announceEnds(this.deps.clock.now().getTime());
  }

  /**
   * Claims the ends waiting to be announced (a debate closed by its duration, by whichever path met
   * it) and posts each in its channel; one completed once posted. A failed post stays claimed until
   * the retry window, a claim of a dead instance is taken over within a minute.
   */
  private async announceEnds(now: number): Promise<void> {
    if (this.publishers.size === 0) return;
    const { store, logger } = this.deps;
    const due = await store.claimEndAnnouncements({
      ...(await this.deps.lease.window(now)),
      platforms: [...this.publishers.keys()],
      limit: END_ANNOUNCEMENT_BATCH,
    });
    for (const { debate, retaken } of due) {
      try {
        const languages = await this.languages(debate);
        this.live.changed([refreshOf(debate)]);
        const reply = await endedAnnouncement(this.deps, debate, languages);
        this.live.announce(debate, reply, { key: endPostKey(debate), mayExist: retaken }, () =>
          store.completeEndAnnouncement(debate.id),
        );
      } catch (error) {
        logger.error({ err: error, debate: debate.number }, 'could not announce the end of a debate');
      }
    }
  }
}
