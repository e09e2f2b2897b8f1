// Votes that arrive together share one transaction, as the SQLite store's group commit does:
// [BEGIN, each target debate read once with its share lock], the core's check of each vote on
// the row it will write against, then [each voter's lock and write, COMMIT]. A vote costs its
// own statements but not a transaction and two round trips of its own: under load that is what
// lets the store keep up with the platform (bench/engine-postgres.ts).
import { ok, type Result } from '../domain/result.ts';
import type { VoteSide } from '../domain/types.ts';
import type { CastVoteInput, VoteOutcome } from './ports.ts';
import type { PostgresSession } from './postgres-session.ts';
import { castPostgresVote, VOTE_SQL, VOTER_LOCK } from './postgres-votes.ts';
import { asVoteSide, type DebateRow, toDebate } from './rows.ts';

/** Votes in one transaction at most; batches running at once at most (each holds a connection). */
const BATCH = 16;
const BATCHES = 2;

interface Waiting {
  input: CastVoteInput;
  resolve: (outcome: Result<VoteOutcome>) => void;
  reject: (error: unknown) => void;
}

type Written = { previous: string | null; current: string | null; duplicate: boolean };

const targetKey = ({ target: { scope, number } }: CastVoteInput) =>
  JSON.stringify([scope.platform, scope.workspaceId, number === undefined ? scope.channelId : number]);

export class PostgresVoteBatches {
  private readonly waiting: Waiting[] = [];
  private running = 0;

  constructor(private readonly db: PostgresSession) {}

  cast(input: CastVoteInput): Promise<Result<VoteOutcome>> {
    // Alone, a vote goes its own way: no batch to wait for.
    if (this.running === 0 && this.waiting.length === 0) {
      this.running++;
      return castPostgresVote(this.db, input).finally(() => this.done());
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.next();
    });
  }

  private done(): void {
    this.running--;
    this.next();
  }

  private next(): void {
    while (this.running < BATCHES && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, BATCH);
      this.running++;
      void this.run(batch).finally(() => this.done());
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.db.transaction((tx) => this.write(tx.query, tx.commit, batch));
      batch.forEach((waiting, index) => {
        const outcome = outcomes[index]!;
        if (outcome instanceof Error) waiting.reject(outcome);
        else waiting.resolve(outcome);
      });
    } catch {
      // One vote's statement failed the whole transaction: each goes again on its own.
      for (const waiting of batch)
        castPostgresVote(this.db, waiting.input).then(waiting.resolve, waiting.reject);
    }
  }

  private async write(
    query: PostgresSession['query'],
    commit: () => Promise<void>,
    batch: Waiting[],
  ): Promise<(Result<VoteOutcome> | Error)[]> {
    // Each debate once, with its share lock: a close waits for the batch, the batch for a close.
    const targets = new Map<string, Promise<DebateRow[]>>();
    for (const { input } of batch) {
      const key = targetKey(input);
      if (targets.has(key)) continue;
      const { scope, number } = input.target;
      targets.set(
        key,
        number === undefined
          ? query<DebateRow>(VOTE_SQL.current, [scope.platform, scope.workspaceId, scope.channelId])
          : query<DebateRow>(VOTE_SQL.byNumber, [scope.platform, scope.workspaceId, number]),
      );
    }
    const rows = new Map<string, DebateRow | undefined>();
    for (const [key, read] of targets) rows.set(key, (await read)[0]);
    const outcomes: (Result<VoteOutcome> | Error)[] = [];
    const accepted: { index: number; debateId: number; voterKey: string; params: unknown[] }[] = [];
    batch.forEach(({ input }, index) => {
      try {
        const row = rows.get(targetKey(input));
        const found = row && toDebate(row);
        const checked = input.check(found);
        outcomes[index] = checked.ok ? ok(undefined as never) : checked;
        if (!checked.ok) return;
        if (!found) throw new Error('vote: the check let a missing debate through');
        const voterKey = input.voterKey(found);
        const params = [
          found.id,
          voterKey,
          input.voterName(found),
          input.side,
          input.at,
          input.deliveryKey ?? null,
        ];
        accepted.push({ index, debateId: found.id, voterKey, params });
      } catch (error) {
        outcomes[index] = error as Error;
      }
    });
    // Every voter's lock first, in one order everywhere (no two batches wait on each other), then
    // the writes, run in the order sent: one person's clicks keep the order they came in.
    const ordered = [...accepted].sort((a, b) =>
      a.debateId !== b.debateId
        ? a.debateId - b.debateId
        : a.voterKey < b.voterKey
          ? -1
          : a.voterKey > b.voterKey
            ? 1
            : 0,
    );
    const locks = ordered.map((vote) => query(VOTER_LOCK, [vote.debateId, vote.voterKey]));
    const written = ordered.map((vote) => query<Written>(VOTE_SQL.write, vote.params));
    const [results] = await Promise.all([Promise.all(written), Promise.all(locks), commit()]);
    ordered.forEach((vote, at) => {
      const outcome = results[at]![0]!;
      const previous = asVoteSide(outcome.previous);
      const current: VoteSide | null = outcome.duplicate ? previous : asVoteSide(outcome.current);
      const debate = toDebate(rows.get(targetKey(batch[vote.index]!.input))!);
      outcomes[vote.index] = ok({ debate, previous, current, duplicate: outcome.duplicate });
    });
    return outcomes;
  }
}
