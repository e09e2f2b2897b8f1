// Limits an office never meets in good faith, and that keep one person or one script from
// making a debate, a page or a channel too heavy for everyone. Reached, a limit is answered with
// its number and changes nothing. Named in the README; both languages in src/i18n.
import { fail, ok, type Result } from '../domain/result.ts';

export const LIMITS = {
  /** Arguments ever added to one debate (withdrawn ones count: adding and withdrawing is no way round). */
  argumentsPerDebate: 2_000,
  /** Arguments one person adds to one debate within an hour. */
  argumentsPerPersonPerHour: 60,
  /** Debates open at once in one channel. */
  openDebatesPerChannel: 50,
  /** Topics waiting in one channel's queue. */
  topicsInQueue: 100,
} as const;

export const LIMIT_WINDOW_MS = 60 * 60_000;

/** Whether a debate that received `added` arguments (withdrawn ones too) takes one more. */
export const roomForArgument = (added: number): Result<void> =>
  added >= LIMITS.argumentsPerDebate
    ? fail('limit.arguments_per_debate', { max: LIMITS.argumentsPerDebate })
    : ok(undefined);

/** Whether a person may add one more argument, given how many they added within the hour. */
export const paceOfArguments = (lastHour: number): Result<void> =>
  lastHour >= LIMITS.argumentsPerPersonPerHour
    ? fail('limit.arguments_per_hour', { max: LIMITS.argumentsPerPersonPerHour })
    : ok(undefined);

export const roomForDebate = (open: number): Result<void> =>
  open >= LIMITS.openDebatesPerChannel
    ? fail('limit.open_debates', { max: LIMITS.openDebatesPerChannel })
    : ok(undefined);

export const roomForTopic = (queued: number): Result<void> =>
  queued >= LIMITS.topicsInQueue ? fail('limit.topics', { max: LIMITS.topicsInQueue }) : ok(undefined);
