// The SQLite side of the debate of the week (src/store/ports/topics.ts).

import type Database from 'better-sqlite3';
import type { DebateRecord, TopicRecord } from '../../domain/records.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { ChannelScope, Platform } from '../../domain/types.ts';
import type { OpenDebateInput } from '../ports/debates.ts';
import type {
  ProposeTopicInput,
  RhythmChannel,
  TopicEndorseInput,
  TopicStore,
  TopicWithdrawInput,
  WeeklyOpeningInput,
  WeeklyPostsInput,
} from '../ports/topics.ts';
import { claimIsFree } from '../shared/claims.ts';
import {
  type ChannelRow,
  type DebateRow,
  type TopicRow,
  toChannelSettings,
  toDebate,
  toTopic,
} from '../shared/rows.ts';
import type { GroupCommit } from './group-commit.ts';
import { statementCache } from './statement-cache.ts';

const TOPIC_SELECT = `
  SELECT t.id, t.number, t.text, t.proposer_key, t.proposer_name, t.proposed_at, t.withdrawn_at,
    (SELECT count(*) FROM topic_endorsements e WHERE e.topic_id = t.id) AS endorsements
  FROM topics t`;
const IN_CHANNEL = 't.platform = ? AND t.workspace_id = ? AND t.channel_id = ?';
const QUEUE_ORDER = 'ORDER BY endorsements DESC, t.number';
const keysOf = (s: ChannelScope) => [s.platform, s.workspaceId, s.channelId];

export class SqliteTopics implements TopicStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(
    db: Database.Database,
    private readonly commits: GroupCommit,
    /** The store's delivery keys: claim (true when new) and read. */
    private readonly deliveries: {
      claim(key: string | undefined, at: number): boolean;
      seen(key: string | undefined): boolean;
    },
    /** Opens a debate inside the current write (the store's own numbering and fields). */
    private readonly openDebate: (input: OpenDebateInput) => DebateRecord,
  ) {
    this.stmt = statementCache(db);
  }

  private topic(scope: ChannelScope, number: number): TopicRecord | undefined {
    const row = this.stmt(`${TOPIC_SELECT} WHERE ${IN_CHANNEL} AND t.number = ?`).get(
      ...keysOf(scope),
      number,
    ) as TopicRow | undefined;
    return row && toTopic(row);
  }

  async proposeTopic(input: ProposeTopicInput): Promise<{ topic: TopicRecord; duplicate: boolean }> {
    return this.commits.write(() => {
      if (!this.deliveries.claim(input.deliveryKey, input.at)) {
        const latest = this.stmt(
          `${TOPIC_SELECT} WHERE ${IN_CHANNEL} AND t.proposer_key = ? ORDER BY t.number DESC`,
        ).get(...keysOf(input.scope), input.proposerKey) as TopicRow | undefined;
        if (latest) return { topic: toTopic(latest), duplicate: true };
      }
      const { next } = this.stmt(
        `SELECT coalesce(max(number), 0) + 1 AS next FROM topics t WHERE ${IN_CHANNEL}`,
      ).get(...keysOf(input.scope)) as { next: number };
      this.stmt(
        `INSERT INTO topics (platform, workspace_id, channel_id, number, text, proposer_key, proposer_name, proposed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...keysOf(input.scope), next, input.text, input.proposerKey, input.proposerName, input.at);
      return { topic: this.topic(input.scope, next)!, duplicate: false };
    });
  }

  async topicQueue(scope: ChannelScope, viewerKey: string) {
    const rows = this.stmt(
      `SELECT q.*, EXISTS (SELECT 1 FROM topic_endorsements e WHERE e.topic_id = q.id AND e.endorser_key = ?) AS mine
       FROM (${TOPIC_SELECT} WHERE ${IN_CHANNEL} AND t.withdrawn_at IS NULL AND t.debate_id IS NULL) q
       ORDER BY q.endorsements DESC, q.number`,
    ).all(viewerKey, ...keysOf(scope)) as (TopicRow & { mine: number })[];
    return rows.map((row) => ({ ...toTopic(row), endorsedByViewer: row.mine === 1 }));
  }

  async toggleTopicEndorsement(
    input: TopicEndorseInput,
  ): Promise<Result<{ endorsed: boolean; duplicate: boolean }>> {
    return this.commits.write(() => {
      const topic = this.liveTopic(input.scope, input.number);
      const checked = input.check(topic);
      if (!checked.ok) return checked;
      if (!topic) throw new Error('topic endorsement: the check let a missing topic through');
      const existing = this.stmt(
        'SELECT 1 FROM topic_endorsements WHERE topic_id = ? AND endorser_key = ?',
      ).get(topic.id, input.endorserKey);
      if (!this.deliveries.claim(input.deliveryKey, input.at))
        return ok({ endorsed: existing !== undefined, duplicate: true });
      if (existing) {
        this.stmt('DELETE FROM topic_endorsements WHERE topic_id = ? AND endorser_key = ?').run(
          topic.id,
          input.endorserKey,
        );
        return ok({ endorsed: false, duplicate: false });
      }
      this.stmt('INSERT INTO topic_endorsements (topic_id, endorser_key, at) VALUES (?, ?, ?)').run(
        topic.id,
        input.endorserKey,
        input.at,
      );
      return ok({ endorsed: true, duplicate: false });
    });
  }

  /** A topic still in the queue is live; one withdrawn or opened as a debate has left it (read as missing). */
  private liveTopic(scope: ChannelScope, number: number): TopicRecord | undefined {
    const row = this.stmt(
      `${TOPIC_SELECT} WHERE ${IN_CHANNEL} AND t.number = ? AND t.debate_id IS NULL AND t.withdrawn_at IS NULL`,
    ).get(...keysOf(scope), number) as TopicRow | undefined;
    return row && toTopic(row);
  }

  async withdrawTopic(
    input: TopicWithdrawInput,
  ): Promise<Result<{ topic: TopicRecord; duplicate: boolean }>> {
    return this.commits.write(() => {
      const topic = this.liveTopic(input.scope, input.number);
      if (topic && this.deliveries.seen(input.deliveryKey)) return ok({ topic, duplicate: true });
      const checked = input.check(topic);
      if (!checked.ok) return checked;
      if (!topic) throw new Error('topic withdrawal: the check let a missing topic through');
      this.deliveries.claim(input.deliveryKey, input.at);
      this.stmt('UPDATE topics SET withdrawn_at = ? WHERE id = ?').run(input.at, topic.id);
      return ok({ topic: { ...topic, withdrawnAt: input.at }, duplicate: false });
    });
  }

  async rhythmChannels(platforms: readonly Platform[]): Promise<RhythmChannel[]> {
    const rows = this.stmt(
      `SELECT * FROM channels WHERE rhythm_day IS NOT NULL
         AND platform IN (SELECT value FROM json_each(?)) ORDER BY platform, workspace_id, channel_id`,
    ).all(JSON.stringify(platforms)) as (ChannelRow & {
      platform: Platform;
      workspace_id: string;
      channel_id: string;
    })[];
    return rows.map((row) => ({
      scope: { platform: row.platform, workspaceId: row.workspace_id, channelId: row.channel_id },
      settings: toChannelSettings(row),
    }));
  }

  async openWeekly(input: WeeklyOpeningInput) {
    return this.commits.write(() => {
      const claimed =
        this.stmt(
          `INSERT INTO weekly_openings (platform, workspace_id, channel_id, slot_at, at, post_claimed_at,
             post_claimed_by)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        ).run(...keysOf(input.scope), input.slotAt, input.at, input.at, input.instance).changes === 1;
      if (!claimed) return { claimed: false };
      const queue = (
        this.stmt(
          `${TOPIC_SELECT} WHERE ${IN_CHANNEL} AND t.withdrawn_at IS NULL AND t.debate_id IS NULL ${QUEUE_ORDER}`,
        ).all(...keysOf(input.scope)) as TopicRow[]
      ).map(toTopic);
      const topic = input.pick(queue);
      if (!topic) return { claimed: true };
      const debate = this.openDebate({ ...input.debate(topic), scope: input.scope, topic: topic.text });
      this.stmt('UPDATE topics SET debate_id = ? WHERE id = ?').run(debate.id, topic.id);
      this.stmt(
        'UPDATE weekly_openings SET debate_id = ? WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND slot_at = ?',
      ).run(debate.id, ...keysOf(input.scope), input.slotAt);
      return { claimed: true, debate, topic };
    });
  }

  async claimWeeklyPosts(input: WeeklyPostsInput): Promise<DebateRecord[]> {
    const { platforms, at, staleBefore, limit } = input;
    if (platforms.length === 0) return [];
    return this.commits.write(() => {
      const rows = this.stmt(
        `SELECT w.slot_at, d.* FROM weekly_openings w JOIN debates d ON d.id = w.debate_id
         WHERE w.platform IN (SELECT value FROM json_each(?)) AND d.status = 'open' AND d.scoreboard_ref IS NULL
           AND ${claimIsFree('w.post_claimed_at', 'w.post_claimed_by', '?', '?')}
         ORDER BY d.id LIMIT ?`,
      ).all(JSON.stringify(platforms), staleBefore, input.aliveSince, limit) as (DebateRow & {
        slot_at: number;
      })[];
      const claim = this.stmt(
        `UPDATE weekly_openings SET post_claimed_at = ?, post_claimed_by = ?
         WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND slot_at = ?`,
      );
      for (const row of rows)
        claim.run(at, input.instance, row.platform, row.workspace_id, row.channel_id, row.slot_at);
      return rows.map(toDebate);
    });
  }
}
