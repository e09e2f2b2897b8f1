// The vote, the bot's hot path, on PostgreSQL: two round trips. First [BEGIN, the debate read
// with a share lock, so a close waits for the votes in flight and a vote waits for a close];
// then, once the core's check has passed, [the voter's lock, one statement that claims the
// delivery and writes the event and the latest vote, COMMIT]. The voter's lock keeps two clicks
// of one person, on two instances, from both seeing "no vote yet".
import { ok, type Result } from '../domain/result.ts';
import type { VoteSide } from '../domain/types.ts';
import type { CastVoteInput, VoteOutcome } from './ports.ts';
import type { PostgresSession } from './postgres-session.ts';
import { asVoteSide, type DebateRow, toDebate } from './rows.ts';

const BY_NUMBER = 'SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND number = $3 FOR SHARE';
const CURRENT = `SELECT * FROM debates WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3 AND status = 'open'
  ORDER BY id DESC LIMIT 1 FOR SHARE`;

/** A person's lock within a debate (two-key advisory locks: a keyspace of their own). */
export const VOTER_LOCK = 'SELECT pg_advisory_xact_lock($1::int, hashtext($2))';

/** $1 debate, $2 voter, $3 name, $4 side asked, $5 time, $6 delivery key (or NULL). */
const WRITE = `WITH claim AS (
    INSERT INTO deliveries (key, at) SELECT $6::text, $5 WHERE $6::text IS NOT NULL
    ON CONFLICT DO NOTHING RETURNING 1),
  previous AS (SELECT side FROM votes WHERE debate_id = $1 AND voter_key = $2),
  decision AS (
    SELECT (SELECT side FROM previous) AS previous,
      -- The same vote again withdraws it.
      CASE WHEN (SELECT side FROM previous) = $4::text THEN NULL ELSE $4::text END AS current,
      ($6::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim)) AS duplicate),
  event AS (
    INSERT INTO vote_events (debate_id, voter_key, old_side, new_side, at)
    SELECT $1, $2, previous, current, $5 FROM decision WHERE NOT duplicate RETURNING id, new_side),
  upserted AS (
    INSERT INTO votes (debate_id, voter_key, voter_name, side, voted_at, last_event)
    SELECT $1, $2, $3, new_side, $5, id FROM event WHERE new_side IS NOT NULL
    ON CONFLICT (debate_id, voter_key) DO UPDATE SET side = excluded.side, voter_name = excluded.voter_name,
      voted_at = excluded.voted_at, last_event = excluded.last_event RETURNING 1),
  removed AS (
    DELETE FROM votes WHERE debate_id = $1 AND voter_key = $2
      AND EXISTS (SELECT 1 FROM event WHERE new_side IS NULL) RETURNING 1)
  SELECT previous, current, duplicate FROM decision`;

/** The vote's statements, for one vote alone or many in one transaction (postgres-vote-batches.ts). */
export const VOTE_SQL = { byNumber: BY_NUMBER, current: CURRENT, write: WRITE };

export function castPostgresVote(db: PostgresSession, input: CastVoteInput): Promise<Result<VoteOutcome>> {
  const { scope, number } = input.target;
  return db.transaction(async (tx) => {
    const [row] =
      number === undefined
        ? await tx.query<DebateRow>(CURRENT, [scope.platform, scope.workspaceId, scope.channelId])
        : await tx.query<DebateRow>(BY_NUMBER, [scope.platform, scope.workspaceId, number]);
    const found = row && toDebate(row);
    const checked = input.check(found);
    if (!checked.ok) return checked;
    if (!found) throw new Error('vote: the check let a missing debate through');
    const voterKey = input.voterKey(found);
    const [, written] = await Promise.all([
      tx.query(VOTER_LOCK, [found.id, voterKey]),
      tx.query<{ previous: string | null; current: string | null; duplicate: boolean }>(WRITE, [
        found.id,
        voterKey,
        input.voterName(found),
        input.side,
        input.at,
        input.deliveryKey ?? null,
      ]),
      tx.commit(),
    ]);
    const outcome = written[0]!;
    const previous = asVoteSide(outcome.previous);
    const current: VoteSide | null = outcome.duplicate ? previous : asVoteSide(outcome.current);
    return ok({ debate: found, previous, current, duplicate: outcome.duplicate });
  });
}
