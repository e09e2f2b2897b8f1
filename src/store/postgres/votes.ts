// The vote, the bot's hot path, on PostgreSQL: two round trips, whether one vote or a batch.
// First [BEGIN, the click recorded (the repeat-click rule), the debate read with a share lock, so
// a close waits for the votes in flight and a vote waits for a close]; then, once the core's check
// has passed, [the voters' locks, one statement per round of votes that claims the deliveries and
// writes the events and the latest votes, COMMIT]. A voter's lock keeps two clicks of one person,
// on two instances, from both seeing "no vote yet". Votes travel as arrays: a batch costs the
// statements of one vote.
import type { DebateRecord } from '../../domain/records.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { VoteSide } from '../../domain/types.ts';
import type { CastVoteInput, RepeatedClick, VoteOutcome } from '../ports/votes.ts';
import { RECORD_CLICK, type RecordedClickRow, recordedRepeat } from '../shared/claims.ts';
import { asVoteSide, type DebateRow, toDebate } from '../shared/rows.ts';
import type { PostgresSession, Query } from './session.ts';

const BY_NUMBER = 'SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND number = $3 FOR SHARE';
const CURRENT = `SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND status = 'open'
  ORDER BY id DESC LIMIT 1 FOR SHARE`;

/** A person's lock within a debate (two-key advisory locks: a keyspace of their own). */
export const VOTER_LOCK = 'SELECT pg_advisory_xact_lock($1::int, hashtext($2))';

/** Many voters' locks, taken in the order of the lock keys themselves: no two batches deadlock. */
const VOTER_LOCKS = `SELECT count(pg_advisory_xact_lock(debate_id, key)) AS locked FROM (
    SELECT DISTINCT debate_id, hashtext(voter_key) AS key
    FROM unnest($1::int[], $2::text[]) AS voter(debate_id, voter_key)
    ORDER BY debate_id, key) AS ordered`;

/**
 * Arrays of votes, at most one per (debate, voter) and per delivery key: $1 debates, $2 voters,
 * $3 names, $4 sides asked, $5 times kept, $6 delivery keys (or NULLs), $7 the deliveries' times.
 * One row back per vote, in order.
 */
const WRITE = `WITH input AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[],
      $7::bigint[])
      WITH ORDINALITY AS vote(debate_id, voter_key, voter_name, side, at, delivery, delivered_at, ord)),
  claim AS (
    INSERT INTO deliveries (key, at) SELECT delivery, delivered_at FROM input WHERE delivery IS NOT NULL
    ON CONFLICT DO NOTHING RETURNING key),
  decision AS (
    SELECT i.ord, i.debate_id, i.voter_key, i.voter_name, i.at, v.side AS previous,
      -- The same vote again withdraws it.
      CASE WHEN v.side = i.side THEN NULL ELSE i.side END AS current,
      (i.delivery IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim WHERE claim.key = i.delivery)) AS duplicate
    FROM input i LEFT JOIN votes v ON v.debate_id = i.debate_id AND v.voter_key = i.voter_key),
  event AS (
    INSERT INTO vote_events (debate_id, voter_key, old_side, new_side, at)
    SELECT debate_id, voter_key, previous, current, at FROM decision WHERE NOT duplicate ORDER BY ord
    RETURNING id, debate_id, voter_key, new_side),
  upserted AS (
    INSERT INTO votes (debate_id, voter_key, voter_name, side, voted_at, last_event)
    SELECT d.debate_id, d.voter_key, d.voter_name, e.new_side, d.at, e.id
    FROM event e JOIN decision d ON d.debate_id = e.debate_id AND d.voter_key = e.voter_key
    WHERE e.new_side IS NOT NULL
    ON CONFLICT (debate_id, voter_key) DO UPDATE SET side = excluded.side, voter_name = excluded.voter_name,
      voted_at = excluded.voted_at, last_event = excluded.last_event RETURNING 1),
  removed AS (
    DELETE FROM votes v USING event e
    WHERE v.debate_id = e.debate_id AND v.voter_key = e.voter_key AND e.new_side IS NULL RETURNING 1)
  SELECT previous, current, duplicate FROM decision ORDER BY ord`;

/** A vote the core's check accepted, ready to write. */
export interface AcceptedVote {
  debateId: number;
  voterKey: string;
  voterName: string | null;
  side: VoteSide;
  /** The time kept with the vote (to the day when anonymous); `deliveredAt` the delivery's. */
  at: number;
  deliveredAt: number;
  deliveryKey: string | null;
}

export interface WrittenVote {
  previous: VoteSide | null;
  current: VoteSide | null;
  duplicate: boolean;
}

/** The debate a vote targets, read with its share lock. */
export function readVoteTarget(
  query: Query,
  { target: { scope, number } }: CastVoteInput,
): Promise<DebateRow[]> {
  return number === undefined
    ? query<DebateRow>(CURRENT, [scope.platform, scope.workspaceId, scope.channelId])
    : query<DebateRow>(BY_NUMBER, [scope.platform, scope.workspaceId, number]);
}

/**
 * Records the vote's click in its transaction (sent with the target's read: no round trip of its
 * own); true when it repeats the one before. Its row stays locked until the vote commits, so a
 * second click on another instance waits and sees it.
 */
export function recordVoteClick(query: Query, { click }: CastVoteInput): Promise<boolean> {
  if (!click) return Promise.resolve(false);
  return query<RecordedClickRow>(RECORD_CLICK('$1', '$2', '$3'), [click.key, click.at, click.delivery]).then(
    ([row]) => recordedRepeat(row, click),
  );
}

/**
 * Rounds in which no voter and no delivery key comes twice (one statement cannot touch a row
 * twice); a person's clicks keep the order they came in, one round after the other.
 */
function rounds(votes: readonly AcceptedVote[]): number[][] {
  const result: { indexes: number[]; keys: Set<string> }[] = [];
  votes.forEach((vote, index) => {
    const keys = [`v\u0000${vote.debateId}\u0000${vote.voterKey}`];
    if (vote.deliveryKey !== null) keys.push(`d\u0000${vote.deliveryKey}`);
    // After the last round holding any of its keys: order is kept within a voter.
    let after = -1;
    result.forEach((round, at) => {
      if (keys.some((key) => round.keys.has(key))) after = at;
    });
    let round = result[after + 1];
    if (!round) {
      round = { indexes: [], keys: new Set() };
      result.push(round);
    }
    round.indexes.push(index);
    for (const key of keys) round.keys.add(key);
  });
  return result.map((round) => round.indexes);
}

/**
 * Sends the voters' locks, then each round's statement, then COMMIT, all pipelined: one round
 * trip. Resolves to one result per vote, in the order given.
 */
export async function writeVotes(
  query: Query,
  commit: () => Promise<void>,
  votes: readonly AcceptedVote[],
): Promise<WrittenVote[]> {
  const sent: Promise<unknown>[] = [];
  if (votes.length > 0)
    sent.push(query(VOTER_LOCKS, [votes.map((vote) => vote.debateId), votes.map((vote) => vote.voterKey)]));
  const written = rounds(votes).map(async (indexes) => {
    const round = indexes.map((index) => votes[index]!);
    const rows = await query<{ previous: string | null; current: string | null; duplicate: boolean }>(WRITE, [
      round.map((vote) => vote.debateId),
      round.map((vote) => vote.voterKey),
      round.map((vote) => vote.voterName),
      round.map((vote) => vote.side),
      round.map((vote) => vote.at),
      round.map((vote) => vote.deliveryKey),
      round.map((vote) => vote.deliveredAt),
    ]);
    return indexes.map((index, at) => [index, rows[at]!] as const);
  });
  const [answers] = await Promise.all([Promise.all(written), Promise.all(sent), commit()]);
  const results: WrittenVote[] = [];
  for (const [index, row] of answers.flat()) {
    const previous = asVoteSide(row.previous);
    results[index] = {
      previous,
      current: row.duplicate ? previous : asVoteSide(row.current),
      duplicate: row.duplicate,
    };
  }
  return results;
}

/** The core's check on the debate read, then the vote ready to write (or the refusal). */
export function acceptVote(
  input: CastVoteInput,
  row: DebateRow | undefined,
): Result<{ debate: DebateRecord; vote: AcceptedVote }> {
  const found = row && toDebate(row);
  const checked = input.check(found);
  if (!checked.ok) return checked;
  if (!found) throw new Error('vote: the check let a missing debate through');
  return ok({
    debate: found,
    vote: {
      debateId: found.id,
      voterKey: input.voterKey(found),
      voterName: input.voterName(found),
      side: input.side,
      at: input.keptAt?.(found) ?? input.at,
      deliveredAt: input.at,
      deliveryKey: input.deliveryKey ?? null,
    },
  });
}

export function castPostgresVote(
  db: PostgresSession,
  input: CastVoteInput,
): Promise<Result<VoteOutcome | RepeatedClick>> {
  return db.transaction(async (tx) => {
    const [repeat, [row]] = await Promise.all([
      recordVoteClick(tx.query, input),
      readVoteTarget(tx.query, input),
    ]);
    if (repeat) return ok({ repeat: true });
    const accepted = acceptVote(input, row);
    if (!accepted.ok) return accepted;
    const [written] = await writeVotes(tx.query, tx.commit, [accepted.value.vote]);
    return ok({ debate: accepted.value.debate, ...written! });
  });
}
