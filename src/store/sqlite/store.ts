import type Database from 'better-sqlite3';
import type { ArgumentRecord, DebateRecord } from '../../domain/records.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { ChannelScope, VoteSide, WorkspaceScope } from '../../domain/types.ts';
import type { AddArgumentInput, EditInput, WithdrawInput } from '../ports/arguments.ts';
import type { DebateStore } from '../ports/debate-store.ts';
import type { OpenDebateInput, StatusInput } from '../ports/debates.ts';
import type { ExpiryScope } from '../ports/leases.ts';
import type { SummaryStore } from '../ports/summary.ts';
import type {
  CastVoteInput,
  EndorseInput,
  PersuasionInput,
  RepeatedClick,
  VoteOutcome,
} from '../ports/votes.ts';
import {
  ARGUMENT_SELECT,
  type ArgumentRow,
  asVoteSide,
  type DebateRow,
  toArgument,
  toDebate,
} from '../shared/rows.ts';
import { SqliteAnonymity } from './anonymity.ts';
import { SqliteDebateReads } from './debate-reads.ts';
import { changeDebate, type DeliveryKeys } from './debate-write.ts';
import { SqliteEndings } from './endings.ts';
import { GroupCommit } from './group-commit.ts';
import { SqliteKeepAlive } from './keep-alive.ts';
import { SqliteLeases } from './leases.ts';
import { finishTruncation, truncateWal } from './purge.ts';
import { closeReader } from './reader.ts';
import { SqliteSettings } from './settings.ts';
import { statementCache } from './statement-cache.ts';
import { SqliteSummaryStore } from './summary-store.ts';
import { SqliteTopics } from './topics.ts';

/** The part of a close of expired debates that says which (none: every one). */
function expiryWhere(only: ExpiryScope | undefined): [string, (string | number)[]] {
  if (!only) return ['', []];
  if ('debateId' in only) return ['AND id = ?', [only.debateId]];
  const { platform, workspaceId, channelId } = only.channel;
  return ['AND platform = ? AND workspace_id = ? AND channel_id = ?', [platform, workspaceId, channelId]];
}

/** The DebateStore on better-sqlite3: synchronous transactions, taken IMMEDIATE when they write. */
export class SqliteDebateStore implements DebateStore {
  private readonly stmt: (sql: string) => Database.Statement;

  // The weekly summary's storage (src/store/sqlite/summary-store.ts).
  private readonly summaries: SqliteSummaryStore;
  // Reminders and nudges (src/store/sqlite/keep-alive.ts).
  private readonly keepAlive: SqliteKeepAlive;
  // The debate of the week (src/store/sqlite/topics.ts).
  private readonly topics: SqliteTopics;
  // Instance leases, end announcements, repeated clicks (src/store/sqlite/leases.ts).
  private readonly leases: SqliteLeases;

  /** Concurrent writes share a commit; each still answers only once committed. */
  private readonly commits: GroupCommit;
  private readonly reads: SqliteDebateReads;
  // Closing notes, common ground, two rounds (src/store/sqlite/endings.ts).
  private readonly endings: SqliteEndings;
  // Anonymous debates' order and links (src/store/sqlite/anonymity.ts).
  private readonly anonymity: SqliteAnonymity;
  private readonly settings: SqliteSettings;

  constructor(readonly db: Database.Database) {
    this.stmt = statementCache(db);
    this.summaries = new SqliteSummaryStore(db);
    this.keepAlive = new SqliteKeepAlive(db);
    this.commits = new GroupCommit(db);
    this.reads = new SqliteDebateReads(db);
    this.leases = new SqliteLeases(db, this.commits);
    this.anonymity = new SqliteAnonymity(db, this.commits);
    this.topics = new SqliteTopics(
      db,
      this.commits,
      this.deliveries,
      (input) => this.insertDebate(input).debate,
    );
    this.endings = new SqliteEndings(db, this.commits, this.deliveries);
    this.settings = new SqliteSettings(db, this.commits);
  }

  /** The store's delivery keys, for its parts' writes. */
  private readonly deliveries: DeliveryKeys = {
    claim: (key, at) => this.claimDelivery(key, at),
    seen: (key) => this.handled(key),
  };

  // Reads (src/store/sqlite/debate-reads.ts).
  openDebates: DebateStore['openDebates'] = async (scope) => this.reads.openDebates(scope);
  debateByScoreboardRef: DebateStore['debateByScoreboardRef'] = async (scope, ref) =>
    this.reads.debateByScoreboardRef(scope, ref);
  debatesTouchedBy: DebateStore['debatesTouchedBy'] = async (scope, keys, limit) =>
    this.reads.debatesTouchedBy(scope, keys, limit);
  argumentsPage: DebateStore['argumentsPage'] = async (debateId, offset, limit, viewerKey) =>
    this.reads.argumentsPage(debateId, offset, limit, viewerKey);
  argumentCounts: DebateStore['argumentCounts'] = async (debateId, authorKey, since) =>
    this.reads.argumentCounts(debateId, authorKey, since);
  argumentsOfSide: DebateStore['argumentsOfSide'] = async (debateId, side, limit) =>
    this.reads.argumentsOfSide(debateId, side, limit);
  tally: DebateStore['tally'] = async (debateId) => this.reads.tally(debateId);
  scoreboard: DebateStore['scoreboard'] = async (debateId) => this.reads.scoreboard(debateId);
  exportData: DebateStore['exportData'] = async (debateId) => this.reads.exportData(debateId);
  debatesOfWorkspace: DebateStore['debatesOfWorkspace'] = async (scope) =>
    this.reads.debatesOfWorkspace(scope);

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

  scrubAnonymousOrder: DebateStore['scrubAnonymousOrder'] = () => this.anonymity.scrubOrder();
  unlinkEnded: DebateStore['unlinkEnded'] = (before) => this.anonymity.unlinkEnded(before);
  finishErasures: DebateStore['finishErasures'] = async () => finishTruncation(this.db);

  /** Runs `work` in an IMMEDIATE transaction (no read-then-write upgrade can hit SQLITE_BUSY). */
  private write<T>(work: () => T): Promise<T> {
    return this.commits.write(work);
  }

  /** Claims a delivery key; false when it was already handled. */
  private claimDelivery(key: string | undefined, at: number): boolean {
    if (key === undefined) return true;
    return (
      this.stmt('INSERT INTO deliveries (key, at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(key, at)
        .changes === 1
    );
  }

  /** Whether a delivery key was already handled (read before a check whose failure claims nothing). */
  private handled(key: string | undefined): boolean {
    return key !== undefined && this.stmt('SELECT 1 FROM deliveries WHERE key = ?').get(key) !== undefined;
  }

  // Server and channel settings (src/store/sqlite/settings.ts).
  serverSetting: DebateStore['serverSetting'] = (name) => this.settings.serverSetting(name);
  keepServerSetting: DebateStore['keepServerSetting'] = (name, value) =>
    this.settings.keepServerSetting(name, value);
  changeServerSettings: DebateStore['changeServerSettings'] = (changes) =>
    this.settings.changeServerSettings(changes);
  channelSettings: DebateStore['channelSettings'] = (scope) => this.settings.channelSettings(scope);
  saveChannelSetting: DebateStore['saveChannelSetting'] = (scope, change) =>
    this.settings.saveChannelSetting(scope, change);

  async openDebate(input: OpenDebateInput): Promise<{ debate: DebateRecord; duplicate: boolean }> {
    return this.write(() => this.insertDebate(input));
  }

  /** Opens a debate inside the current write transaction. */
  private insertDebate(input: OpenDebateInput): { debate: DebateRecord; duplicate: boolean } {
    const { scope } = input;
    if (input.deliveryKey !== undefined) {
      const earlier = this.stmt('SELECT * FROM debates WHERE open_delivery = ?').get(input.deliveryKey) as
        | DebateRow
        | undefined;
      if (earlier) return { debate: toDebate(earlier), duplicate: true };
    }
    const { next } = this.stmt(
      'SELECT coalesce(max(number), 0) + 1 AS next FROM debates WHERE platform = ? AND workspace_id = ?',
    ).get(scope.platform, scope.workspaceId) as { next: number };
    const row = this.stmt(
      `INSERT INTO debates (uid, platform, workspace_id, channel_id, number, topic, opener_key, opener_name,
         anonymous, hidden, opened_at, closes_at, open_delivery, remind_at, two_rounds, round2_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ).get(
      input.uid,
      scope.platform,
      scope.workspaceId,
      scope.channelId,
      next,
      input.topic,
      input.openerKey,
      input.openerName,
      input.anonymous ? 1 : 0,
      input.hidden ? 1 : 0,
      input.at,
      input.closesAt,
      input.deliveryKey ?? null,
      input.remindAt ?? null,
      input.twoRounds === true ? 1 : 0,
      input.round2At ?? null,
    ) as DebateRow;
    return { debate: toDebate(row), duplicate: false };
  }

  async findDebate(scope: WorkspaceScope, number: number): Promise<DebateRecord | undefined> {
    const row = this.stmt('SELECT * FROM debates WHERE platform = ? AND workspace_id = ? AND number = ?').get(
      scope.platform,
      scope.workspaceId,
      number,
    ) as DebateRow | undefined;
    return row && toDebate(row);
  }

  async currentDebate(scope: ChannelScope): Promise<DebateRecord | undefined> {
    const row = this.stmt(
      `SELECT * FROM debates WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND status = 'open'
       ORDER BY id DESC LIMIT 1`,
    ).get(scope.platform, scope.workspaceId, scope.channelId) as DebateRow | undefined;
    return row && toDebate(row);
  }

  async setScoreboardRef(debateId: number, ref: string): Promise<void> {
    this.stmt('UPDATE debates SET scoreboard_ref = ? WHERE id = ?').run(ref, debateId);
  }

  private debateRow(debateId: number): DebateRow {
    return this.stmt('SELECT * FROM debates WHERE id = ?').get(debateId) as DebateRow;
  }

  private argumentRow(debateId: number, number: number): ArgumentRecord | undefined {
    const row = this.stmt(`${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.number = ?`).get(
      debateId,
      number,
    ) as ArgumentRow | undefined;
    return row && toArgument(row);
  }

  async addArgument(
    input: AddArgumentInput,
  ): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.write(() => {
      const checked = input.check(toDebate(this.debateRow(input.debateId)));
      if (!checked.ok) return checked;
      if (!this.claimDelivery(input.deliveryKey, input.at)) {
        const latest = this.stmt(
          `${ARGUMENT_SELECT} WHERE a.debate_id = ? AND a.author_key = ? ORDER BY a.id DESC`,
        ).get(input.debateId, input.authorKey) as ArgumentRow | undefined;
        if (latest) return ok({ argument: toArgument(latest), duplicate: true });
      }
      const { number } = this.stmt(
        'UPDATE debates SET next_argument = next_argument + 1 WHERE id = ? RETURNING next_argument - 1 AS number',
      ).get(input.debateId) as { number: number };
      this.stmt(
        `INSERT INTO arguments (debate_id, number, side, text, author_key, author_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.debateId, number, input.side, input.text, input.authorKey, input.authorName, input.at);
      return ok({ argument: this.argumentRow(input.debateId, number)!, duplicate: false });
    });
  }

  async argument(debateId: number, number: number): Promise<ArgumentRecord | undefined> {
    return this.argumentRow(debateId, number);
  }

  withdrawArgument(input: WithdrawInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.changeArgument(input, 'withdraw', (argument) => {
      this.stmt('UPDATE arguments SET withdrawn_at = ? WHERE id = ?').run(input.at, argument.id);
    });
  }

  editArgument(input: EditInput): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.changeArgument(input, 'edit', (argument) => {
      this.stmt('UPDATE arguments SET text = ?, edited_at = ? WHERE id = ?').run(
        input.text,
        input.at,
        argument.id,
      );
    });
  }

  /** A change of one argument: a redelivery answered with what stands, the core's check, `apply`. */
  private changeArgument(
    input: WithdrawInput | EditInput,
    what: string,
    apply: (argument: ArgumentRecord) => void,
  ): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.write(() => {
      const argument = this.argumentRow(input.debateId, input.number);
      if (argument && this.handled(input.deliveryKey)) return ok({ argument, duplicate: true });
      const checked = input.check(toDebate(this.debateRow(input.debateId)), argument);
      if (!checked.ok) return checked;
      if (!argument) throw new Error(`${what}: the check let a missing argument through`);
      this.claimDelivery(input.deliveryKey, input.at);
      apply(argument);
      return ok({ argument: this.argumentRow(input.debateId, input.number)!, duplicate: false });
    });
  }

  async castVote(input: CastVoteInput): Promise<Result<VoteOutcome | RepeatedClick>> {
    return this.write((): Result<VoteOutcome | RepeatedClick> => {
      if (input.click && this.leases.recordClick(input.click)) return ok({ repeat: true });
      const { scope, number } = input.target;
      const row = (
        number === undefined
          ? this.stmt(
              `SELECT * FROM debates WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND status = 'open'
               ORDER BY id DESC LIMIT 1`,
            ).get(scope.platform, scope.workspaceId, scope.channelId)
          : this.stmt('SELECT * FROM debates WHERE platform = ? AND workspace_id = ? AND number = ?').get(
              scope.platform,
              scope.workspaceId,
              number,
            )
      ) as DebateRow | undefined;
      const found = row && toDebate(row);
      const checked = input.check(found);
      if (!checked.ok) return checked;
      if (!found) throw new Error('vote: the check let a missing debate through');
      const debate = found;
      const voterKey = input.voterKey(debate);
      const debateId = debate.id;
      const previous = asVoteSide(
        (
          this.stmt('SELECT side FROM votes WHERE debate_id = ? AND voter_key = ?').get(debateId, voterKey) as
            | { side: string }
            | undefined
        )?.side ?? null,
      );
      if (!this.claimDelivery(input.deliveryKey, input.at))
        return ok({ debate, previous, current: previous, duplicate: true });
      // The same vote again withdraws it.
      const current: VoteSide | null = previous === input.side ? null : input.side;
      const keptAt = input.keptAt?.(debate) ?? input.at;
      if (debate.anonymous) this.anonymity.wrote(debateId);
      const event = this.stmt(
        'INSERT INTO vote_events (debate_id, voter_key, old_side, new_side, at) VALUES (?, ?, ?, ?, ?)',
      ).run(debateId, voterKey, previous, current, keptAt).lastInsertRowid;
      if (current === null) {
        this.stmt('DELETE FROM votes WHERE debate_id = ? AND voter_key = ?').run(debateId, voterKey);
      } else {
        this.stmt(
          `INSERT INTO votes (debate_id, voter_key, voter_name, side, voted_at, last_event) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (debate_id, voter_key) DO UPDATE SET side = excluded.side, voter_name = excluded.voter_name,
           voted_at = excluded.voted_at, last_event = excluded.last_event`,
        ).run(debateId, voterKey, input.voterName(debate), current, keptAt, event);
      }
      return ok({ debate, previous, current, duplicate: false });
    });
  }

  async voteOf(debateId: number, voterKey: string): Promise<VoteSide | null> {
    const row = this.stmt('SELECT side FROM votes WHERE debate_id = ? AND voter_key = ?').get(
      debateId,
      voterKey,
    ) as { side: string } | undefined;
    return asVoteSide(row?.side ?? null);
  }

  async toggleEndorsement(input: EndorseInput): Promise<Result<{ endorsed: boolean; duplicate: boolean }>> {
    return this.write(() => {
      const argument = this.argumentRow(input.debateId, input.number);
      const debate = toDebate(this.debateRow(input.debateId));
      const checked = input.check(debate, argument);
      if (!checked.ok) return checked;
      if (!argument) throw new Error('endorse: the check let a missing argument through');
      if (debate.anonymous) this.anonymity.wrote(debate.id);
      const existing = this.stmt('SELECT 1 FROM endorsements WHERE argument_id = ? AND endorser_key = ?').get(
        argument.id,
        input.endorserKey,
      );
      if (!this.claimDelivery(input.deliveryKey, input.at))
        return ok({ endorsed: existing !== undefined, duplicate: true });
      if (existing) {
        this.stmt('DELETE FROM endorsements WHERE argument_id = ? AND endorser_key = ?').run(
          argument.id,
          input.endorserKey,
        );
        return ok({ endorsed: false, duplicate: false });
      }
      this.stmt('INSERT INTO endorsements (argument_id, endorser_key, at) VALUES (?, ?, ?)').run(
        argument.id,
        input.endorserKey,
        input.keptAt ?? input.at,
      );
      return ok({ endorsed: true, duplicate: false });
    });
  }

  async recordPersuasion(
    input: PersuasionInput,
  ): Promise<Result<{ argument: ArgumentRecord; duplicate: boolean }>> {
    return this.write(() => {
      const argument = this.argumentRow(input.debateId, input.number);
      if (argument && this.handled(input.deliveryKey)) return ok({ argument, duplicate: true });
      const event = this.stmt(
        `SELECT e.id, e.old_side, e.new_side FROM votes v JOIN vote_events e ON e.id = v.last_event
         WHERE v.debate_id = ? AND v.voter_key = ?`,
      ).get(input.debateId, input.voterKey) as
        | { id: number; old_side: string | null; new_side: string | null }
        | undefined;
      const last = event && { oldSide: asVoteSide(event.old_side), newSide: asVoteSide(event.new_side) };
      const debate = toDebate(this.debateRow(input.debateId));
      const checked = input.check(debate, argument, last);
      if (!checked.ok) return checked;
      if (debate.anonymous) this.anonymity.wrote(debate.id);
      if (!argument || !event)
        throw new Error('persuasion: the check let a missing vote or argument through');
      this.claimDelivery(input.deliveryKey, input.at);
      this.stmt('UPDATE vote_events SET persuaded_by = ? WHERE id = ?').run(argument.id, event.id);
      return ok({ argument: this.argumentRow(input.debateId, input.number)!, duplicate: false });
    });
  }

  async setStatus(input: StatusInput): Promise<Result<{ debate: DebateRecord; duplicate: boolean }>> {
    return this.write(() =>
      changeDebate(
        (id) => toDebate(this.debateRow(id)),
        this.deliveries,
        input,
        () =>
          toDebate(
            this.stmt(
              'UPDATE debates SET status = ?, closed_at = ?, closes_at = ?, closing_note = ? WHERE id = ? RETURNING *',
            ).get(
              input.status,
              input.status === 'closed' ? input.at : null,
              input.closesAt,
              input.status === 'closed' ? (input.closingNote ?? null) : null,
              input.debateId,
            ) as DebateRow,
          ),
      ),
    );
  }

  async closeExpired(at: number, only?: ExpiryScope): Promise<DebateRecord[]> {
    const [where, params] = expiryWhere(only);
    return this.write(() =>
      (
        this.stmt(
          `UPDATE debates SET status = 'closed', closed_at = closes_at, end_announce_due = ?
           WHERE status = 'open' AND closes_at IS NOT NULL AND closes_at <= ? ${where} RETURNING *`,
        ).all(at, at, ...params) as DebateRow[]
      ).map(toDebate),
    );
  }

  async forgetParticipant(scope: WorkspaceScope, keys: readonly string[]) {
    const forgotten = await this.write(() => {
      let votes = 0;
      let endorsements = 0;
      let argumentsDetached = 0;
      const inWorkspace = 'SELECT id FROM debates WHERE platform = ? AND workspace_id = ?';
      const ws = [scope.platform, scope.workspaceId];
      for (const key of keys) {
        votes += this.stmt(`DELETE FROM votes WHERE voter_key = ? AND debate_id IN (${inWorkspace})`).run(
          key,
          ...ws,
        ).changes;
        this.stmt(`DELETE FROM vote_events WHERE voter_key = ? AND debate_id IN (${inWorkspace})`).run(
          key,
          ...ws,
        );
        this.stmt(`DELETE FROM first_round_votes WHERE voter_key = ? AND debate_id IN (${inWorkspace})`).run(
          key,
          ...ws,
        );
        endorsements += this.stmt(
          `DELETE FROM endorsements WHERE endorser_key = ? AND argument_id IN
             (SELECT a.id FROM arguments a WHERE a.debate_id IN (${inWorkspace}))`,
        ).run(key, ...ws).changes;
        argumentsDetached += this.stmt(
          `UPDATE arguments SET author_key = NULL, author_name = NULL WHERE author_key = ? AND debate_id IN (${inWorkspace})`,
        ).run(key, ...ws).changes;
        this.stmt(
          'UPDATE debates SET opener_key = NULL, opener_name = NULL WHERE opener_key = ? AND platform = ? AND workspace_id = ?',
        ).run(key, ...ws);
        // The debate of the week's queue: endorsements gone, proposals unsigned.
        endorsements += this.stmt(
          `DELETE FROM topic_endorsements WHERE endorser_key = ? AND topic_id IN
             (SELECT id FROM topics WHERE platform = ? AND workspace_id = ?)`,
        ).run(key, ...ws).changes;
        this.stmt(
          'UPDATE topics SET proposer_key = NULL, proposer_name = NULL WHERE proposer_key = ? AND platform = ? AND workspace_id = ?',
        ).run(key, ...ws);
      }
      return { votes, endorsements, arguments: argumentsDetached };
    });
    // What secure_delete zeroed in the main file must not stay in older frames of the log.
    truncateWal(this.db);
    return forgotten;
  }

  async pruneDeliveries(before: number): Promise<number> {
    return this.stmt('DELETE FROM deliveries WHERE at < ?').run(before).changes;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Writes already asked for are committed and answered first: they share this last commit
    // (if it fails, each of them is answered with the error; the database is closed all the same).
    await this.write(() => undefined).catch(() => undefined);
    // Anonymous rows written since the last sweep are put in key order before the file is left.
    if (this.db.open) await this.anonymity.scrubOrder().catch(() => 0);
    await closeReader(this.db);
    if (this.db.open) this.db.close();
  }
}
