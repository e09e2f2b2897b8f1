// The PostgreSQL side of the debate of the week (src/store/ports/topics.ts).

import type { DebateRecord, TopicRecord } from '../../domain/records.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { ChannelScope, Platform } from '../../domain/types.ts';
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
import { claimDelivery, deliveryHandled } from './deliveries.ts';
import { insertDebate } from './open-debate.ts';
import type { PostgresSession, Query } from './session.ts';

const TOPIC_SELECT = `
  SELECT t.id, t.number, t.text, t.proposer_key, t.proposer_name, t.proposed_at, t.withdrawn_at,
    (SELECT count(*) FROM topic_endorsements e WHERE e.topic_id = t.id)::int AS endorsements
  FROM topics t`;
const IN_CHANNEL = 't.platform = $1 AND t.workspace_id = $2 AND t.channel_id = $3';
const keysOf = (s: ChannelScope) => [s.platform, s.workspaceId, s.channelId];

const claim = claimDelivery;
const handled = deliveryHandled;

/** The live topic of this number, locked for the change (an opened or withdrawn one is missing). */
async function liveTopic(
  query: Query,
  scope: ChannelScope,
  number: number,
): Promise<TopicRecord | undefined> {
  const [locked] = await query<{ id: number }>(
    `SELECT id FROM topics t WHERE ${IN_CHANNEL} AND t.number = $4 AND t.debate_id IS NULL
       AND t.withdrawn_at IS NULL FOR UPDATE`,
    [...keysOf(scope), number],
  );
  if (!locked) return undefined;
  const [row] = await query<TopicRow>(`${TOPIC_SELECT} WHERE t.id = $1`, [locked.id]);
  return row && toTopic(row);
}

export class PostgresTopics implements TopicStore {
  constructor(private readonly db: PostgresSession) {}

  async proposeTopic(input: ProposeTopicInput): Promise<{ topic: TopicRecord; duplicate: boolean }> {
    return this.db.transaction(async ({ query }) => {
      // One numbering per channel, across the fleet.
      await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`topic:${keysOf(input.scope).join(':')}`]);
      if (!(await claim(query, input.deliveryKey, input.at))) {
        const [latest] = await query<TopicRow>(
          `${TOPIC_SELECT} WHERE ${IN_CHANNEL} AND t.proposer_key = $4 ORDER BY t.number DESC LIMIT 1`,
          [...keysOf(input.scope), input.proposerKey],
        );
        if (latest) return { topic: toTopic(latest), duplicate: true };
      }
      const [row] = await query<{ id: number }>(
        `INSERT INTO topics (platform, workspace_id, channel_id, number, text, proposer_key, proposer_name, proposed_at)
         SELECT $1, $2, $3, coalesce(max(number), 0) + 1, $4, $5, $6, $7
         FROM topics WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3
         RETURNING id`,
        [...keysOf(input.scope), input.text, input.proposerKey, input.proposerName, input.at],
      );
      const [topic] = await query<TopicRow>(`${TOPIC_SELECT} WHERE t.id = $1`, [row!.id]);
      return { topic: toTopic(topic!), duplicate: false };
    });
  }

  async topicQueue(scope: ChannelScope, viewerKey: string) {
    const rows = await this.db.query<TopicRow & { mine: boolean }>(
      `SELECT q.*, EXISTS (SELECT 1 FROM topic_endorsements e WHERE e.topic_id = q.id AND e.endorser_key = $4) AS mine
       FROM (${TOPIC_SELECT} WHERE ${IN_CHANNEL} AND t.withdrawn_at IS NULL AND t.debate_id IS NULL) q
       ORDER BY q.endorsements DESC, q.number`,
      [...keysOf(scope), viewerKey],
    );
    return rows.map((row) => ({ ...toTopic(row), endorsedByViewer: row.mine === true }));
  }

  async toggleTopicEndorsement(
    input: TopicEndorseInput,
  ): Promise<Result<{ endorsed: boolean; duplicate: boolean }>> {
    return this.db.transaction(async ({ query }) => {
      const topic = await liveTopic(query, input.scope, input.number);
      const checked = input.check(topic);
      if (!checked.ok) return checked;
      if (!topic) throw new Error('topic endorsement: the check let a missing topic through');
      const existing = await query(
        'SELECT 1 FROM topic_endorsements WHERE topic_id = $1 AND endorser_key = $2',
        [topic.id, input.endorserKey],
      );
      if (!(await claim(query, input.deliveryKey, input.at)))
        return ok({ endorsed: existing.length > 0, duplicate: true });
      if (existing.length > 0) {
        await query('DELETE FROM topic_endorsements WHERE topic_id = $1 AND endorser_key = $2', [
          topic.id,
          input.endorserKey,
        ]);
        return ok({ endorsed: false, duplicate: false });
      }
      await query('INSERT INTO topic_endorsements (topic_id, endorser_key, at) VALUES ($1, $2, $3)', [
        topic.id,
        input.endorserKey,
        input.at,
      ]);
      return ok({ endorsed: true, duplicate: false });
    });
  }

  async withdrawTopic(
    input: TopicWithdrawInput,
  ): Promise<Result<{ topic: TopicRecord; duplicate: boolean }>> {
    return this.db.transaction(async ({ query }) => {
      const topic = await liveTopic(query, input.scope, input.number);
      if (topic && (await handled(query, input.deliveryKey))) return ok({ topic, duplicate: true });
      const checked = input.check(topic);
      if (!checked.ok) return checked;
      if (!topic) throw new Error('topic withdrawal: the check let a missing topic through');
      if (!(await claim(query, input.deliveryKey, input.at))) return ok({ topic, duplicate: true });
      await query('UPDATE topics SET withdrawn_at = $2 WHERE id = $1', [topic.id, input.at]);
      return ok({ topic: { ...topic, withdrawnAt: input.at }, duplicate: false });
    });
  }

  async rhythmChannels(platforms: readonly Platform[]): Promise<RhythmChannel[]> {
    const rows = await this.db.query<
      ChannelRow & { platform: Platform; workspace_id: string; channel_id: string }
    >(
      `SELECT * FROM channels WHERE rhythm_day IS NOT NULL AND platform = ANY($1::text[])
       ORDER BY platform, workspace_id, channel_id`,
      [[...platforms]],
    );
    return rows.map((row) => ({
      scope: { platform: row.platform, workspaceId: row.workspace_id, channelId: row.channel_id },
      settings: toChannelSettings(row),
    }));
  }

  async openWeekly(
    input: WeeklyOpeningInput,
  ): Promise<{ claimed: boolean; debate?: DebateRecord; topic?: TopicRecord }> {
    return this.db.transaction(async ({ query }) => {
      const taken = await query(
        `INSERT INTO weekly_openings (platform, workspace_id, channel_id, slot_at, at, post_claimed_at,
           post_claimed_by)
         VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
        [...keysOf(input.scope), input.slotAt, input.at, input.instance],
      );
      if (taken.length === 0) return { claimed: false };
      const queue = (
        await query<TopicRow>(
          `${TOPIC_SELECT} WHERE ${IN_CHANNEL} AND t.withdrawn_at IS NULL AND t.debate_id IS NULL
           ORDER BY endorsements DESC, t.number FOR UPDATE OF t`,
          keysOf(input.scope),
        )
      ).map(toTopic);
      const topic = input.pick(queue);
      if (!topic) return { claimed: true };
      const { debate } = await insertDebate(query, {
        ...input.debate(topic),
        scope: input.scope,
        topic: topic.text,
      });
      await query('UPDATE topics SET debate_id = $2 WHERE id = $1', [topic.id, debate.id]);
      await query(
        `UPDATE weekly_openings SET debate_id = $5
         WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND slot_at = $4`,
        [...keysOf(input.scope), input.slotAt, debate.id],
      );
      return { claimed: true, debate, topic };
    });
  }

  /** One statement: rows another instance is claiming are skipped, not waited for. */
  async claimWeeklyPosts(input: WeeklyPostsInput): Promise<DebateRecord[]> {
    const { platforms, at, staleBefore, limit } = input;
    if (platforms.length === 0) return [];
    const rows = await this.db.query<DebateRow>(
      `WITH due AS (
         SELECT w.platform, w.workspace_id, w.channel_id, w.slot_at FROM weekly_openings w
         JOIN debates d ON d.id = w.debate_id
         WHERE w.platform = ANY($1::text[]) AND d.status = 'open' AND d.scoreboard_ref IS NULL
           AND ${claimIsFree('w.post_claimed_at', 'w.post_claimed_by', '$3', '$6')}
         ORDER BY d.id LIMIT $4 FOR UPDATE OF w SKIP LOCKED),
       claimed AS (
         UPDATE weekly_openings w SET post_claimed_at = $2, post_claimed_by = $5 FROM due
         WHERE (w.platform, w.workspace_id, w.channel_id, w.slot_at) = (due.platform, due.workspace_id, due.channel_id, due.slot_at)
         RETURNING w.debate_id)
       SELECT d.* FROM debates d JOIN claimed c ON c.debate_id = d.id ORDER BY d.id`,
      [[...platforms], at, staleBefore, limit, input.instance, input.aliveSince],
    );
    return rows.map(toDebate);
  }
}
