// What every contract file shares: the store under test, scopes, and the writes the engine makes,
// spelled once. Only port methods: the suite knows nothing of any implementation.
import { expect } from 'vitest';
import type { ArgumentRecord, DebateRecord } from '../../../src/domain/records.ts';
import { ok, type Result } from '../../../src/domain/result.ts';
import type { ChannelScope, DebateStatus, Side, VoteSide } from '../../../src/domain/types.ts';
import type { AddArgumentInput, WithdrawInput } from '../../../src/store/ports/arguments.ts';
import type { DebateStore } from '../../../src/store/ports/debate-store.ts';
import type { OpenDebateInput, StatusInput } from '../../../src/store/ports/debates.ts';
import type { PageStore } from '../../../src/store/ports/pages.ts';
import type { EndorseInput, PersuasionInput, VoteOutcome } from '../../../src/store/ports/votes.ts';

/** A fresh, empty store; `pages` is the page store on the same data, when the backend has one. */
export interface StoreUnderTest {
  store: DebateStore;
  pages?: PageStore | undefined;
  dispose(): Promise<void>;
}
export type CreateStore = () => Promise<StoreUnderTest>;
export type WithStore = (test: (subject: StoreUnderTest) => Promise<void>) => () => Promise<void>;

export const withStoreOf =
  (create: CreateStore): WithStore =>
  (test) =>
  async () => {
    const subject = await create();
    try {
      await test(subject);
    } finally {
      await subject.dispose();
    }
  };

export const here: ChannelScope = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
/** Another channel of the same workspace. */
export const nextDoor: ChannelScope = { ...here, channelId: 'C2' };
/** Another workspace, and the same ids on another platform. */
export const elsewhere: ChannelScope = { ...here, workspaceId: 'T2' };
export const otherPlatform: ChannelScope = { ...here, platform: 'discord' };

export const pass = () => ok(undefined);

/** The value of a result that must have succeeded. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) expect.fail(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

let uids = 0;
export async function openDebate(
  store: DebateStore,
  over: Partial<OpenDebateInput> = {},
): Promise<DebateRecord> {
  uids += 1;
  return (
    await store.openDebate({
      scope: here,
      uid: `uid-${uids}`,
      topic: 'Le télétravail',
      openerKey: 'opener',
      openerName: 'Odile',
      anonymous: false,
      hidden: false,
      at: 1_000,
      closesAt: null,
      ...over,
    })
  ).debate;
}

type Options<T> = Partial<Omit<T, 'debateId'>>;

export const argue = (store: DebateStore, debate: DebateRecord, over: Options<AddArgumentInput> = {}) =>
  store.addArgument({
    debateId: debate.id,
    side: 'pro',
    text: 'Moins de trajets',
    authorKey: 'author',
    authorName: 'Aline',
    at: 2_000,
    check: pass,
    ...over,
  });

/** Adds an argument that must be accepted, and returns it. */
export const addArgument = async (
  store: DebateStore,
  debate: DebateRecord,
  side: Side,
  authorKey: string,
  over: Options<AddArgumentInput> = {},
): Promise<ArgumentRecord> =>
  value(await argue(store, debate, { side, authorKey, authorName: authorKey, ...over })).argument;

/** A vote without a click (so never a repeated one). */
export const vote = async (
  store: DebateStore,
  debate: DebateRecord,
  voter: string,
  side: VoteSide,
  over: { at?: number; deliveryKey?: string; check?: (found: DebateRecord | undefined) => Result<void> } = {},
): Promise<Result<VoteOutcome>> => {
  const cast = await store.castVote({
    target: {
      scope: { ...here, platform: debate.platform, workspaceId: debate.workspaceId },
      number: debate.number,
    },
    voterKey: () => voter,
    voterName: () => voter.toUpperCase(),
    person: voter,
    side,
    at: over.at ?? 3_000,
    deliveryKey: over.deliveryKey,
    check: over.check ?? pass,
  });
  if (cast.ok && 'repeat' in cast.value) throw new Error('a vote without a click repeated one');
  return cast as Result<VoteOutcome>;
};

export const endorse = (
  store: DebateStore,
  debate: DebateRecord,
  number: number,
  endorserKey: string,
  over: Options<EndorseInput> = {},
) => store.toggleEndorsement({ debateId: debate.id, number, endorserKey, at: 4_000, check: pass, ...over });

export const withdraw = (
  store: DebateStore,
  debate: DebateRecord,
  number: number,
  over: Options<WithdrawInput> = {},
) => store.withdrawArgument({ debateId: debate.id, number, at: 5_000, check: pass, ...over });

export const persuade = (
  store: DebateStore,
  debate: DebateRecord,
  voterKey: string,
  number: number,
  over: Options<PersuasionInput> = {},
) => store.recordPersuasion({ debateId: debate.id, voterKey, number, at: 6_000, check: pass, ...over });

export const setStatus = (
  store: DebateStore,
  debate: DebateRecord,
  status: DebateStatus,
  over: Options<StatusInput> = {},
) => store.setStatus({ debateId: debate.id, status, at: 7_000, closesAt: null, check: pass, ...over });

/** Records every call of a check, and answers with `answer` (success by default). */
export function spy<State extends unknown[]>(answer: (...state: State) => Result<void> = pass) {
  const calls: State[] = [];
  const check = (...state: State) => {
    calls.push(state);
    return answer(...state);
  };
  return { calls, check };
}
