import type pg from 'pg';
import type { ArgumentRecord, ChannelSettings, DebateRecord } from '../../domain/records.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { SettingChange } from '../../domain/settings.ts';
import type { ChannelScope, VoteSide, WorkspaceScope } from '../../domain/types.ts';
import type { AddArgumentInput, EditInput, WithdrawInput } from '../ports/arguments.ts';
import type { DebateStore } from '../ports/debate-store.ts';
import type { OpenDebateInput, StatusInput } from '../ports/debates.ts';
import type { ExpiryScope } from '../ports/leases.ts';
import type { ServerSettingName } from '../ports/settings.ts';
import type { SummaryStore } from '../ports/summary.ts';
import type { EndorseInput, PersuasionInput } from '../ports/votes.ts';
import {
  ARGUMENT_SELECT,
  type ArgumentRow,
  asVoteSide,
  type ChannelRow,
  type DebateRow,
  toArgument,
  toChannelSettings,
  toDebate,
} from '../shared/rows.ts';
import { PostgresAnonymity } from './anonymity.ts';
import { PostgresDebateReads } from './debate-reads.ts';
import { changeDebate } from './debate-write.ts';
import { claimDelivery, deliveryHandled } from './deliveries.ts';
import { PostgresEndings } from './endings.ts';
import { PostgresKeepAlive } from './keep-alive.ts';
import { PostgresLeases } from './leases.ts';
import { SETTINGS_CHANNEL, type SettingsListener, SettingsNotifications } from './notifications.ts';
import { insertDebate } from './open-debate.ts';
import { type ErasureTable, rewriteErased, vacuum } from './purge.ts';
import { PostgresSession, type Query } from './session.ts';
import { PostgresSummaryStore } from './summary-store.ts';
import { PostgresTopics } from './topics.ts';
import { PostgresVoteBatches } from './vote-batches.ts';
import { VOTER_LOCK } from './votes.ts';

const DEBATE_FOR_SHARE = 'SELECT * FROM debates WHERE id = $1 FOR SHARE';
const DEBATE_FOR_UPDATE = 'SELECT * FROM debates WHERE id = $1 FOR UPDATE';
const ARGUMENT = `${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.number = $2`;

const claim = claimDelivery;
const handled = deliveryHandled;
const argumentOf = async (query: Query, debateId: number, number: number) => {
  const [row] = await query<ArgumentRow>(ARGUMENT, [debateId, number]);
  return row && toArgument(row);
};

/**
 * The DebateStore on PostgreSQL, shared by every instance of a fleet: each write is one
 * transaction that takes the row or advisory locks its check needs, so the core's rule is
 * decided on a state no other instance changes meanwhile; delivery keys are claimed in the
 * same transaction, so a retry on another instance changes nothing.
 */
/** Where a person's traces are erased (forgetParticipant), then rewritten. */
const PERSON_TABLES: ErasureTable[] = [
  'votes',
  'vote_events',
  'endorsements',
  'arguments',
  'debates',
  'topics',
  'topic_endorsements',
];

export class PostgresDebateStore implements DebateStore {
  readonly db: PostgresSession;
  private readonly reads: PostgresDebateReads;
  private readonly summaries: PostgresSummaryStore;
  private readonly keepAlive: PostgresKeepAlive;
  private readonly leases: PostgresLeases;
  private readonly topics: PostgresTopics;
  private readonly endings: PostgresEndings;
  private readonly notifications: SettingsNotifications;
  private readonly votes: PostgresVoteBatches;
  // Anonymous debates' order and links (src/store/postgres/anonymity.ts).
  private readonly anonymity: PostgresAnonymity;

  constructor(
    readonly pool: pg.Pool,
    onNotificationError?: (error: Error) => void,
  ) {
    this.db = new PostgresSession(pool);
    this.notifications = new SettingsNotifications(pool.options, onNotificationError);
    this.reads = new PostgresDebateReads(this.db);
    this.summaries = new PostgresSummaryStore(this.db);
    this.votes = new PostgresVoteBatches(this.db);
    this.anonymity = new PostgresAnonymity(this.db);
    this.keepAlive = new PostgresKeepAlive(this.db);
    this.leases = new PostgresLeases(this.db);
    this.topics = new PostgresTopics(this.db);
    this.endings = new PostgresEndings(this.db);
  }

  // Reads (src/store/postgres/debate-reads.ts).
  openDebates: DebateStore['openDebates'] = (scope) => this.reads.openDebates(scope);
  debateByScoreboardRef: DebateStore['debateByScoreboardRef'] = (scope, ref) =>
    this.reads.debateByScoreboardRef(scope, ref);
  debatesTouchedBy: DebateStore['debatesTouchedBy'] = (scope, keys, limit) =>
    this.reads.debatesTouchedBy(scope, keys, limit);
  argumentsPage: DebateStore['argumentsPage'] = (debateId, offset, limit, viewerKey) =>
    this.reads.argumentsPage(debateId, offset, limit, viewerKey);
  argumentCounts: DebateStore['argumentCounts'] = (debateId, authorKey, since) =>
    this.reads.argumentCounts(debateId, authorKey, since);
  argumentsOfSide: DebateStore['argumentsOfSide'] = (debateId, side, limit) =>
    this.reads.argumentsOfSide(debateId, side, limit);
  tally: DebateStore['tally'] = (debateId) => this.reads.tally(debateId);
  scoreboard: DebateStore['scoreboard'] = (debateId) => this.reads.scoreboard(debateId);
  exportData: DebateStore['exportData'] = (debateId) => this.reads.exportData(debateId);
  debatesOfWorkspace: DebateStore['debatesOfWorkspace'] = (scope) => this.reads.debatesOfWorkspace(scope);

  // The weekly summary (src/store/postgres/summary-store.ts).
  summaryChannels: SummaryStore['summaryChannels'] = (since) => this.summaries.summaryChannels(since);
  weekActivity: SummaryStore['weekActivity'] = (scope, window) => this.summaries.weekActivity(scope, window);
  weekActivities: SummaryStore['weekActivities'] = (scopes, window) =>
    this.summaries.weekActivities(scopes, window);
  ledgerSince: SummaryStore['ledgerSince'] = (weekStart) => this.summaries.ledgerSince(weekStart);
  ledgerEntry: SummaryStore['ledgerEntry'] = (scope, weekStart) =>
    this.summaries.ledgerEntry(scope, weekStart);
  claimSummary: SummaryStore['claimSummary'] = (input) => this.summaries.claimSummary(input);
  completeSummary: SummaryStore['completeSummary'] = (input) => this.summaries.completeSummary(input);
  failSummary: SummaryStore['failSummary'] = (...args) => this.summaries.failSummary(...args);
  skipSummary: SummaryStore['skipSummary'] = (...args) => this.summaries.skipSummary(...args);

  castVote: DebateStore['castVote'] = async (input) => {
    const cast = await this.votes.cast(input);
    if (cast.ok && 'debate' in cast.value && cast.value.debate.anonymous)
      this.anonymity.wrote(cast.value.debate.id);
    return cast;
  };
  scrubAnonymousOrder: DebateStore['scrubAnonymousOrder'] = () => this.anonymity.scrubOrder();
  unlinkEnded: DebateStore['unlinkEnded'] = (before) => this.anonymity.unlinkEnded(before);
  finishErasures: DebateStore['finishErasures'] = () => rewriteErased(this.db);

  claimReminders: DebateStore['claimReminders'] = (input) => this.keepAlive.claimReminders(input);
  completeReminder: DebateStore['completeReminder'] = (id, at) => this.keepAlive.completeReminder(id, at);
  nudgeCandidates: DebateStore['nudgeCandidates'] = (query) => this.keepAlive.nudgeCandidates(query);
  claimNudge: DebateStore['claimNudge'] = (id, window) => this.keepAlive.claimNudge(id, window);
  renewInstanceLease: DebateStore['renewInstanceLease'] = (instance, at) =>
    this.leases.renewInstanceLease(instance, at);
  releaseInstanceLease: DebateStore['releaseInstanceLease'] = (instance) =>
    this.leases.releaseInstanceLease(instance);
  claimEndAnnouncements: DebateStore['claimEndAnnouncements'] = (input) =>
    this.leases.claimEndAnnouncements(input);
  completeEndAnnouncement: DebateStore['completeEndAnnouncement'] = (id) =>
    this.leases.completeEndAnnouncement(id);
  repeatClick: DebateStore['repeatClick'] = (key, at, windowMs, delivery) =>
    this.leases.repeatClick(key, at, windowMs, delivery);
  pruneClicks: DebateStore['pruneClicks'] = (before) => this.leases.pruneClicks(before);
  completeNudge: DebateStore['completeNudge'] = (id, at) => this.keepAlive.completeNudge(id, at);
  proposeTopic: DebateStore['proposeTopic'] = (input) => this.topics.proposeTopic(input);
  topicQueue: DebateStore['topicQueue'] = (scope, viewer) => this.topics.topicQueue(scope, viewer);
  toggleTopicEndorsement: DebateStore['toggleTopicEndorsement'] = (input) =>
    this.topics.toggleTopicEndorsement(input);
  withdrawTopic: DebateStore['withdrawTopic'] = (input) => this.topics.withdrawTopic(input);
  rhythmChannels: DebateStore['rhythmChannels'] = (platforms) => this.topics.rhythmChannels(platforms);
  openWeekly: DebateStore['openWeekly'] = (input) => this.topics.openWeekly(input);
  claimWeeklyPosts: DebateStore['claimWeeklyPosts'] = (input) => this.topics.claimWeeklyPosts(input);
  lastClosedDebate: DebateStore['lastClosedDebate'] = (scope) => this.endings.lastClosedDebate(scope);
  setClosingNote: DebateStore['setClosingNote'] = (input) => this.endings.setClosingNote(input);
  endorserSides: DebateStore['endorserSides'] = (debateId) => this.endings.endorserSides(debateId);
  startRound2: DebateStore['startRound2'] = (input) => this.endings.startRound2(input);
  claimHalftimes: DebateStore['claimHalftimes'] = (input) => this.endings.claimHalftimes(input);
  completeHalftime: DebateStore['completeHalftime'] = (id, at) => this.endings.completeHalftime(id, at);
  rounds: DebateStore['rounds'] = (debateId) => this.endings.rounds(debateId);

  async serverSetting(name: ServerSettingName): Promise<string | undefined> {
    const [row] = await this.db.query<{ value: string }>(
      'SELECT value FROM server_settings WHERE name = $1',
      [name],
    );
    return row?.value;
  }

  async keepServerSetting(name: ServerSettingName, value: string): Promise<string> {
    // The first instance to get here writes it; every other one reads that one.
    await this.db.query('INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      name,
      value,
    ]);
    return (await this.serverSetting(name))!;
  }

  async changeServerSettings(changes: Partial<Record<ServerSettingName, string | null>>): Promise<void> {
    const entries = Object.entries(changes);
    await this.db.transaction(async ({ query }) => {
      for (const [name, value] of entries) {
        if (value === null || value === undefined)
          await query('DELETE FROM server_settings WHERE name = $1', [name]);
        else
          await query(
            'INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
            [name, value],
          );
      }
    });
    // A few rows, rewritten into a new file: no dead version of a removed value stays in it.
    if (entries.some(([, value]) => value === null)) await vacuum(this.db, ['server_settings']);
  }

  async channelSettings(scope: ChannelScope): Promise<ChannelSettings> {
    const [row] = await this.db.query<ChannelRow>(
      `SELECT timezone, summary_day, summary_time, summary_off, language, threads, open_admins,
         reminders_off, nudges_off, rhythm_day, rhythm_time, rhythm_duration_ms, rhythm_since FROM channels
       WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3`,
      [scope.platform, scope.workspaceId, scope.channelId],
    );
    return toChannelSettings(row);
  }

  async saveChannelSetting(scope: ChannelScope, change: SettingChange): Promise<ChannelSettings> {
    // One statement: the row and the setting, as every instance will read them from now on.
    const [columns, values, assign] =
      change.setting === 'timezone'
        ? ['timezone', [change.zone], 'timezone = excluded.timezone']
        : change.setting === 'language'
          ? ['language', [change.language], 'language = excluded.language']
          : change.setting === 'summaryOff'
            ? ['summary_off', [true], 'summary_off = true']
            : change.setting === 'threads'
              ? ['threads', [change.enabled], 'threads = excluded.threads']
              : change.setting === 'openers'
                ? ['open_admins', [change.openers === 'admins'], 'open_admins = excluded.open_admins']
                : change.setting === 'reminders'
                  ? ['reminders_off', [!change.enabled], 'reminders_off = excluded.reminders_off']
                  : change.setting === 'nudges'
                    ? ['nudges_off', [!change.enabled], 'nudges_off = excluded.nudges_off']
                    : change.setting === 'rhythm'
                      ? [
                          'rhythm_day, rhythm_time, rhythm_duration_ms, rhythm_since',
                          [change.day, change.time, change.durationMs, change.since],
                          'rhythm_day = excluded.rhythm_day, rhythm_time = excluded.rhythm_time, rhythm_duration_ms = excluded.rhythm_duration_ms, rhythm_since = excluded.rhythm_since',
                        ]
                      : change.setting === 'rhythmOff'
                        ? [
                            'rhythm_day',
                            [null],
                            'rhythm_day = NULL, rhythm_time = NULL, rhythm_duration_ms = NULL, rhythm_since = NULL',
                          ]
                        : [
                            'summary_day, summary_time, summary_off',
                            [change.day, change.time, false],
                            'summary_day = excluded.summary_day, summary_time = excluded.summary_time, summary_off = false',
                          ];
    const placeholders = values.map((_, index) => `$${index + 4}`).join(', ');
    return this.db.transaction(async (tx) => {
      const [rows] = await Promise.all([
        tx.query<ChannelRow>(
          `INSERT INTO channels (platform, workspace_id, channel_id, ${columns}) VALUES ($1, $2, $3, ${placeholders})
           ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET ${assign}
           RETURNING timezone, summary_day, summary_time, summary_off, language, threads, open_admins,
             reminders_off, nudges_off, rhythm_day, rhythm_time, rhythm_duration_ms, rhythm_since`,
          [scope.platform, scope.workspaceId, scope.channelId, ...values],
        ),
        // Sent to every instance with the commit: their caches forget this channel at once.
        tx.query('SELECT pg_notify($1, $2)', [
          SETTINGS_CHANNEL,
          JSON.stringify({
            platform: scope.platform,
            workspaceId: scope.workspaceId,
            channelId: scope.channelId,
          }),
        ]),
        tx.commit(),
      ]);
      return toChannelSettings(rows[0]);
    });
  }

  /** Settings saved by any instance on this database, as they are committed. */
  watchSettings(listener: SettingsListener): () => void {
    return this.notifications.watch(listener);
  }

  /** Resolves once this instance hears other instances' settings changes (before it serves). */
  listening(): Promise<void> {
    return this.notifications.start();
  }

  async openDebate(input: OpenDebateInput): Promise<{ debate: DebateRecord; duplicate: boolean }> {
    return this.db.transaction(async ({ query }) => insertDebate(query, input));
  }

  async findDebate(scope: WorkspaceScope, number: number): Promise<DebateRecord | undefined> {
    const [row] = await this.db.query<DebateRow>(
      'SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND number = $3',
      [scope.platform, scope.workspaceId, number],
    );
    return row && toDebate(row);
  }

  async currentDebate(scope: ChannelScope): Promise<DebateRecord | undefined> {
    const [row] = await this.db.query<DebateRow>(
      `SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND status = 'open'
       ORDER BY id DESC LIMIT 1`,
      [scope.platform, scope.workspaceId, scope.channelId],
    );
    return row && toDebate(row);
  }

  async setScoreboardRef(debateId: number, ref: string): Promise<void> {
    await this.db.query('UPDATE debates SET scoreboard_ref = $2 WHERE id = $1', [debateId, ref]);
  }

  async addArgument(
    input: AddArgumentInput,
  ): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.db.transaction(async ({ query }) => {
      // The row lock numbers the debate's arguments one at a time.
      const [debate] = await query<DebateRow>(DEBATE_FOR_UPDATE, [input.debateId]);
      const checked = input.check(toDebate(debate!));
      if (!checked.ok) return checked;
      if (!(await claim(query, input.deliveryKey, input.at))) {
        const [latest] = await query<ArgumentRow>(
          `${ARGUMENT_SELECT} WHERE a.debate_id = $1 AND a.author_key = $2 ORDER BY a.id DESC LIMIT 1`,
          [input.debateId, input.authorKey],
        );
        if (latest) return ok({ argument: toArgument(latest), duplicate: true });
      }
      const [row] = await query<ArgumentRow>(
        `WITH n AS (UPDATE debates SET next_argument = next_argument + 1 WHERE id = $1
                    RETURNING next_argument - 1 AS number)
         INSERT INTO arguments (debate_id, number, side, text, author_key, author_name, created_at)
         SELECT $1, n.number, $2, $3, $4, $5, $6 FROM n
         RETURNING id, number, side, text, author_key, author_name, created_at, withdrawn_at, edited_at,
           0 AS endorsements, 0 AS deltas`,
        [input.debateId, input.side, input.text, input.authorKey, input.authorName, input.at],
      );
      return ok({ argument: toArgument(row!), duplicate: false });
    });
  }

  argument(debateId: number, number: number): Promise<ArgumentRecord | undefined> {
    return argumentOf(this.db.query, debateId, number);
  }

  withdrawArgument(input: WithdrawInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.changeArgument(input, 'withdraw', async (query, argument) => {
      await query('UPDATE arguments SET withdrawn_at = $2 WHERE id = $1', [argument.id, input.at]);
      return { ...argument, withdrawnAt: input.at };
    });
  }

  editArgument(input: EditInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.changeArgument(input, 'edit', async (query, argument) => {
      await query('UPDATE arguments SET text = $2, edited_at = $3 WHERE id = $1', [
        argument.id,
        input.text,
        input.at,
      ]);
      return { ...argument, text: input.text, editedAt: input.at };
    });
  }

  /**
   * A change of one argument: the debate held with a share lock and the argument row locked, a
   * redelivery answered with what stands, the core's check on both, then `apply`.
   */
  private changeArgument(
    input: WithdrawInput | EditInput,
    what: string,
    apply: (query: Query, argument: ArgumentRecord) => Promise<ArgumentRecord>,
  ): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.db.transaction(async ({ query }) => {
      const [debate, , argument, seen] = await Promise.all([
        query<DebateRow>(DEBATE_FOR_SHARE, [input.debateId]),
        query('SELECT 1 FROM arguments WHERE debate_id = $1 AND number = $2 FOR UPDATE', [
          input.debateId,
          input.number,
        ]),
        argumentOf(query, input.debateId, input.number),
        handled(query, input.deliveryKey),
      ]);
      if (argument && seen) return ok({ argument, duplicate: true });
      const checked = input.check(toDebate(debate[0]!), argument);
      if (!checked.ok) return checked;
      if (!argument) throw new Error(`${what}: the check let a missing argument through`);
      if (!(await claim(query, input.deliveryKey, input.at))) return ok({ argument, duplicate: true });
      return ok({ argument: await apply(query, argument), duplicate: false });
    });
  }

  async voteOf(debateId: number, voterKey: string): Promise<VoteSide | null> {
    const [row] = await this.db.query<{ side: string }>(
      'SELECT side FROM votes WHERE debate_id = $1 AND voter_key = $2',
      [debateId, voterKey],
    );
    return asVoteSide(row?.side);
  }

  async toggleEndorsement(input: EndorseInput): Promise<Result<{ endorsed: boolean; duplicate: boolean }>> {
    return this.db.transaction(async ({ query }) => {
      const [debate, argument] = await Promise.all([
        query<DebateRow>(DEBATE_FOR_SHARE, [input.debateId]),
        argumentOf(query, input.debateId, input.number),
      ]);
      const stored = toDebate(debate[0]!);
      const checked = input.check(stored, argument);
      if (!checked.ok) return checked;
      if (!argument) throw new Error('endorse: the check let a missing argument through');
      if (stored.anonymous) this.anonymity.wrote(stored.id);
      // One toggle at a time per person and argument, whichever instance each click reached.
      const [, claimed, existing] = await Promise.all([
        query(VOTER_LOCK, [argument.id, `endorse:${input.endorserKey}`]),
        claim(query, input.deliveryKey, input.at),
        query('SELECT 1 FROM endorsements WHERE argument_id = $1 AND endorser_key = $2', [
          argument.id,
          input.endorserKey,
        ]),
      ]);
      if (!claimed) return ok({ endorsed: existing.length === 1, duplicate: true });
      if (existing.length === 1) {
        await query('DELETE FROM endorsements WHERE argument_id = $1 AND endorser_key = $2', [
          argument.id,
          input.endorserKey,
        ]);
        return ok({ endorsed: false, duplicate: false });
      }
      await query('INSERT INTO endorsements (argument_id, endorser_key, at) VALUES ($1, $2, $3)', [
        argument.id,
        input.endorserKey,
        input.keptAt ?? input.at,
      ]);
      return ok({ endorsed: true, duplicate: false });
    });
  }

  async recordPersuasion(
    input: PersuasionInput,
  ): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.db.transaction(async ({ query }) => {
      const [debate, , argument, seen, events] = await Promise.all([
        query<DebateRow>(DEBATE_FOR_SHARE, [input.debateId]),
        // The voter's votes and this are one at a time (votes.ts).
        query(VOTER_LOCK, [input.debateId, input.voterKey]),
        argumentOf(query, input.debateId, input.number),
        handled(query, input.deliveryKey),
        query<{ id: number; old_side: string | null; new_side: string | null }>(
          `SELECT e.id, e.old_side, e.new_side FROM votes v JOIN vote_events e ON e.id = v.last_event
           WHERE v.debate_id = $1 AND v.voter_key = $2`,
          [input.debateId, input.voterKey],
        ),
      ]);
      if (argument && seen) return ok({ argument, duplicate: true });
      const event = events[0];
      const last = event && { oldSide: asVoteSide(event.old_side), newSide: asVoteSide(event.new_side) };
      const stored = toDebate(debate[0]!);
      const checked = input.check(stored, argument, last);
      if (!checked.ok) return checked;
      if (stored.anonymous) this.anonymity.wrote(stored.id);
      if (!argument || !event)
        throw new Error('persuasion: the check let a missing vote or argument through');
      if (!(await claim(query, input.deliveryKey, input.at))) return ok({ argument, duplicate: true });
      await query('UPDATE vote_events SET persuaded_by = $2 WHERE id = $1', [event.id, argument.id]);
      return ok({ argument: (await argumentOf(query, input.debateId, input.number))!, duplicate: false });
    });
  }

  setStatus(input: StatusInput): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>> {
    return changeDebate(this.db, input, async (query) => {
      const [after] = await query<DebateRow>(
        'UPDATE debates SET status = $2, closed_at = $3, closes_at = $4, closing_note = $5 WHERE id = $1 RETURNING *',
        [
          input.debateId,
          input.status,
          input.status === 'closed' ? input.at : null,
          input.closesAt,
          input.status === 'closed' ? (input.closingNote ?? null) : null,
        ],
      );
      return after;
    });
  }

  async closeExpired(at: number, only?: ExpiryScope): Promise<DebateRecord[]> {
    // Every instance sweeps: the row locks let exactly one of them close each debate.
    const where = !only
      ? { sql: '', params: [] }
      : 'debateId' in only
        ? { sql: 'AND id = $2', params: [only.debateId] }
        : {
            sql: 'AND platform = $2 AND workspace_id = $3 AND channel_id = $4',
            params: [only.channel.platform, only.channel.workspaceId, only.channel.channelId],
          };
    const rows = await this.db.query<DebateRow>(
      `UPDATE debates SET status = 'closed', closed_at = closes_at, end_announce_due = $1
       WHERE status = 'open' AND closes_at IS NOT NULL AND closes_at <= $1 ${where.sql} RETURNING *`,
      [at, ...where.params],
    );
    return rows.map(toDebate);
  }

  async forgetParticipant(scope: WorkspaceScope, keys: readonly string[]) {
    const forgotten = await this.db.transaction(async ({ query }) => {
      const inWorkspace = 'SELECT id FROM debates WHERE platform = $2 AND workspace_id = $3';
      const params = [keys, scope.platform, scope.workspaceId];
      const count = (sql: string) =>
        query<{ n: number }>(
          `WITH changed AS (${sql} RETURNING 1) SELECT count(*) AS n FROM changed`,
          params,
        ).then((rows) => rows[0]!.n);
      const [votes, , , endorsements, detached, , topicEndorsements] = await Promise.all([
        count(`DELETE FROM votes WHERE voter_key = ANY($1::text[]) AND debate_id IN (${inWorkspace})`),
        count(`DELETE FROM vote_events WHERE voter_key = ANY($1::text[]) AND debate_id IN (${inWorkspace})`),
        count(
          `DELETE FROM first_round_votes WHERE voter_key = ANY($1::text[]) AND debate_id IN (${inWorkspace})`,
        ),
        count(
          `DELETE FROM endorsements WHERE endorser_key = ANY($1::text[]) AND argument_id IN
             (SELECT a.id FROM arguments a WHERE a.debate_id IN (${inWorkspace}))`,
        ),
        count(
          `UPDATE arguments SET author_key = NULL, author_name = NULL
           WHERE author_key = ANY($1::text[]) AND debate_id IN (${inWorkspace})`,
        ),
        count(
          `UPDATE debates SET opener_key = NULL, opener_name = NULL
           WHERE opener_key = ANY($1::text[]) AND platform = $2 AND workspace_id = $3`,
        ),
        // The debate of the week's queue: endorsements gone, proposals unsigned.
        count(
          `DELETE FROM topic_endorsements WHERE endorser_key = ANY($1::text[]) AND topic_id IN
             (SELECT id FROM topics WHERE platform = $2 AND workspace_id = $3)`,
        ),
        count(
          `UPDATE topics SET proposer_key = NULL, proposer_name = NULL
           WHERE proposer_key = ANY($1::text[]) AND platform = $2 AND workspace_id = $3`,
        ),
      ]);
      return { votes, endorsements: Number(endorsements) + Number(topicEndorsements), arguments: detached };
    });
    await vacuum(this.db, PERSON_TABLES);
    return forgotten;
  }

  async pruneDeliveries(before: number): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      'WITH gone AS (DELETE FROM deliveries WHERE at < $1 RETURNING 1) SELECT count(*) AS n FROM gone',
      [before],
    );
    return row!.n;
  }

  async close(): Promise<void> {
    // The writes already asked for are answered first; anonymous rows written since the last
    // sweep are put in key order before the instance goes.
    await this.db.drain();
    if (!this.pool.ended) await this.anonymity.scrubOrder().catch(() => 0);
    await this.notifications.close();
    if (!this.pool.ended) await this.pool.end();
  }
}
