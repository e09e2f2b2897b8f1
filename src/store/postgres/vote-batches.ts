// Votes that arrive together share one transaction, as the SQLite store's group commit does:
// [BEGIN, each vote's click recorded, each target debate read once with its share lock], the
// core's check of each vote on the row it will write against, then [the voters' locks, the votes
// as arrays, COMMIT]. A batch costs about the statements of one vote: under load that is what
// lets the store keep up with the platform (bench/engine-postgres.ts). One person's votes keep
// the order they came in: the later ones wait for the transaction that holds the earlier.
import type { DebateRecord } from '../../domain/records.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { CastVoteInput, RepeatedClick, VoteOutcome } from '../ports/votes.ts';
import type { DebateRow } from '../shared/rows.ts';
import type { PostgresSession, Query } from './session.ts';
import {
  type AcceptedVote,
  acceptVote,
  castPostgresVote,
  readVoteTarget,
  recordVoteClick,
  writeVotes,
} from './votes.ts';

/** Votes in one transaction at most; batches running at once at most (each holds a connection). */
const BATCH = 64;
const BATCHES = 2;

interface Waiting {
  input: CastVoteInput;
  resolve: (outcome: Result<VoteOutcome | RepeatedClick>) => void;
  reject: (error: unknown) => void;
}

const targetKey = ({ target: { scope, number } }: CastVoteInput) =>
  JSON.stringify([scope.platform, scope.workspaceId, number === undefined ? scope.channelId : number]);

const clickOrder = (a: CastVoteInput, b: CastVoteInput): number => {
  const [x, y] = [a.click?.key ?? '', b.click?.key ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
};

export class PostgresVoteBatches {
  private waiting: Waiting[] = [];
  private running = 0;
  /** People with a vote in a running transaction: their next votes wait for it, in order. */
  private readonly busy = new Map<string, number>();

  constructor(private readonly db: PostgresSession) {}

  cast(input: CastVoteInput): Promise<Result<VoteOutcome | RepeatedClick>> {
    // Alone, a vote goes its own way: no batch to wait for.
    if (this.running === 0 && this.waiting.length === 0) {
      this.start([input]);
      return castPostgresVote(this.db, input).finally(() => this.done([input]));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.next();
    });
  }

  private start(inputs: readonly CastVoteInput[]): void {
    this.running++;
    for (const { person } of inputs) this.busy.set(person, (this.busy.get(person) ?? 0) + 1);
  }

  private done(inputs: readonly CastVoteInput[]): void {
    this.running--;
    for (const { person } of inputs) {
      const left = this.busy.get(person)! - 1;
      if (left === 0) this.busy.delete(person);
      else this.busy.set(person, left);
    }
    this.next();
  }

  private next(): void {
    while (this.running < BATCHES && this.waiting.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      const inputs = batch.map((waiting) => waiting.input);
      this.start(inputs);
      void this.run(batch).finally(() => this.done(inputs));
    }
  }

  /**
   * The next batch, in the order the votes came, without anyone who has a vote in a running
   * transaction: two transactions at once would take one person's votes in the order they lock
   * that person, and a later click could be overwritten by an earlier one.
   */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const held = new Set<string>();
    const left: Waiting[] = [];
    let at = 0;
    for (; at < this.waiting.length && batch.length < BATCH; at++) {
      const waiting = this.waiting[at]!;
      const { person } = waiting.input;
      if (held.has(person) || this.busy.has(person)) {
        held.add(person);
        left.push(waiting);
      } else batch.push(waiting);
    }
    this.waiting = at === this.waiting.length ? left : left.concat(this.waiting.slice(at));
    return batch;
  }

  private async run(batch: Waiting[]): Promise<void> {
    let outcomes: (Result<VoteOutcome | RepeatedClick> | Error)[];
    try {
      outcomes = await this.db.transaction((tx) => this.write(tx.query, tx.commit, batch));
    } catch {
      // One vote's statement failed the whole transaction: each goes again on its own, in order.
      for (const waiting of batch)
        await castPostgresVote(this.db, waiting.input).then(waiting.resolve, waiting.reject);
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index]!;
      if (outcome instanceof Error) waiting.reject(outcome);
      else waiting.resolve(outcome);
    });
  }

  private async write(
    query: Query,
    commit: () => Promise<void>,
    batch: Waiting[],
  ): Promise<(Result<VoteOutcome | RepeatedClick> | Error)[]> {
    // The clicks first, in the order of their keys, so that two batches never wait for each other's
    // clicks (one key's clicks stay in the order they came: the second sees the first). Then each
    // debate once, with its share lock: a close waits for the batch, the batch for a close.
    const byKey = [...batch.keys()].sort((a, b) => clickOrder(batch[a]!.input, batch[b]!.input));
    const repeats: Promise<boolean>[] = [];
    for (const index of byKey) repeats[index] = recordVoteClick(query, batch[index]!.input);
    const targets = new Map<string, Promise<DebateRow[]>>();
    for (const { input } of batch) {
      const key = targetKey(input);
      if (!targets.has(key)) targets.set(key, readVoteTarget(query, input));
    }
    const [repeated, reads] = await Promise.all([Promise.all(repeats), Promise.all(targets.values())]);
    const rows = new Map([...targets.keys()].map((key, index) => [key, reads[index]![0]] as const));
    const outcomes: (Result<VoteOutcome | RepeatedClick> | Error)[] = [];
    const accepted: { index: number; debate: DebateRecord; vote: AcceptedVote }[] = [];
    batch.forEach(({ input }, index) => {
      if (repeated[index]) {
        outcomes[index] = ok({ repeat: true });
        return;
      }
      try {
        const checked = acceptVote(input, rows.get(targetKey(input)));
        if (checked.ok) accepted.push({ index, ...checked.value });
        else outcomes[index] = checked;
      } catch (error) {
        outcomes[index] = error as Error;
      }
    });
    const written = await writeVotes(
      query,
      commit,
      accepted.map(({ vote }) => vote),
    );
    accepted.forEach(({ index, debate }, at) => {
      outcomes[index] = ok({ debate, ...written[at]! });
    });
    return outcomes;
  }
}
