// The longest stretch the event loop went without a turn while some work ran: a 1 ms timer
// notes the gap between its turns (the stall, plus up to a millisecond of the timer's own).
import { performance } from 'node:perf_hooks';

export async function longestStall<T>(work: () => Promise<T>): Promise<{ stallMs: number; value: T }> {
  let last = performance.now();
  let longest = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  try {
    const value = await work();
    // A stall at the very end is seen by the timer's next turn.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { stallMs: longest, value };
  } finally {
    clearTimeout(timer);
  }
}
