import { z } from 'zod';

/** Which gateway shards this instance runs: all of a known count, a share of it, or Discord's advice. */
export type ShardPlan = { count: number; ids: number[] } | { count: 'auto' };

const MAX_SHARDS = 100_000;

/** DISCORD_SHARD_COUNT: a positive integer, or `auto` (the count Discord recommends). */
export const shardCount = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value.toLowerCase() === 'auto') return 'auto' as const;
    const count = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
    if (!(count >= 1 && count <= MAX_SHARDS)) {
      ctx.addIssue({ code: 'custom', message: 'must be a positive whole number of shards, or "auto"' });
      return z.NEVER;
    }
    return count;
  })
  .optional();

/** DISCORD_SHARD_IDS: "0,2,5", "0-3" or "0-3,8"; sorted, each once. */
export const shardIds = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const ids = new Set<number>();
    for (const part of value.split(',').map((p) => p.trim())) {
      const range = /^(\d{1,6})(?:\s*-\s*(\d{1,6}))?$/.exec(part);
      const from = Number(range?.[1]);
      const to = Number(range?.[2] ?? range?.[1]);
      if (!range || to < from) {
        ctx.addIssue({
          code: 'custom',
          message: `"${part}" is not a shard id or range; expected e.g. "0,1" or "0-3"`,
        });
        return z.NEVER;
      }
      for (let id = from; id <= to && id < MAX_SHARDS; id++) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  })
  .optional();

/**
 * The plan from both variables, or the one-line problem. Ids need a numeric count: every instance
 * must split the servers by the same count, and a recommended count can change between starts.
 */
export function shardPlan(
  count: number | 'auto' | undefined,
  ids: number[] | undefined,
): { plan: ShardPlan } | { problem: string } {
  if (ids !== undefined && count === undefined)
    return { problem: 'DISCORD_SHARD_IDS: needs DISCORD_SHARD_COUNT, the total shared by every instance' };
  if (ids !== undefined && count === 'auto')
    return {
      problem:
        'DISCORD_SHARD_IDS: needs a numeric DISCORD_SHARD_COUNT; "auto" runs every shard in one instance',
    };
  if (count === 'auto') return { plan: { count } };
  const total = count ?? 1;
  const beyond = (ids ?? []).filter((id) => id >= total);
  if (beyond.length > 0)
    return {
      problem: `DISCORD_SHARD_IDS: shard ${beyond[0]} does not exist with DISCORD_SHARD_COUNT=${total} (ids go from 0 to ${total - 1})`,
    };
  return { plan: { count: total, ids: ids ?? Array.from({ length: total }, (_, i) => i) } };
}
