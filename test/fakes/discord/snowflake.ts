/**
 * Deterministic snowflake ids for the fake Discord: increasing, unique within one process,
 * shaped like Discord's (a decimal string of a 64-bit number whose high bits are a timestamp).
 */
const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;

export function nextSnowflake(at: Date = new Date()): string {
  counter += 1n;
  const ms = BigInt(at.getTime()) - DISCORD_EPOCH;
  return ((ms << 22n) | (counter & 0x3fffffn)).toString();
}
