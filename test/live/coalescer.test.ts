// The per-message coalescing both chat adapters use for live scoreboards.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/engine/logger.ts';
import { UNCHANGED, UpdateCoalescer } from '../../src/live/coalescer.ts';

describe('update coalescer', () => {
  const START = Date.UTC(2026, 10, 24, 9);
  let runs: Array<{ at: number; state: string }>;
  let coalescer: UpdateCoalescer;
  const update = (state: string) => async () => {
    runs.push({ at: Date.now() - START, state });
  };

  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    runs = [];
    coalescer = new UpdateCoalescer(2000, silentLogger);
  });
  afterEach(async () => {
    await coalescer.close();
    vi.useRealTimers();
  });

  it('lets an update that sent nothing leave the interval unstarted: the next change goes at once', async () => {
    coalescer.schedule('C1:1', async () => {
      runs.push({ at: Date.now() - START, state: 'already shown' });
      return UNCHANGED;
    });
    await vi.advanceTimersByTimeAsync(10);
    coalescer.schedule('C1:1', update('1 vote'));
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toEqual([
      { at: 0, state: 'already shown' },
      { at: 10, state: '1 vote' },
    ]);
  });

  it('updates at once, then at most once per interval with the latest state', async () => {
    coalescer.schedule('C1:1', update('1 vote'));
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toEqual([{ at: 0, state: '1 vote' }]);

    // Changes that arrive after the first update finished still wait for the interval.
    for (let votes = 2; votes <= 5; votes++) {
      coalescer.schedule('C1:1', update(`${votes} votes`));
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toEqual([
      { at: 0, state: '1 vote' },
      { at: 2000, state: '5 votes' },
    ]);
  });

  it('lets a change after a quiet interval go at once, and keeps messages apart', async () => {
    coalescer.schedule('C1:1', update('a1'));
    coalescer.schedule('C2:1', update('b1'));
    await vi.advanceTimersByTimeAsync(2500);
    coalescer.schedule('C1:1', update('a2'));
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.map((run) => `${run.at}:${run.state}`)).toEqual(['0:a1', '0:b1', '2500:a2']);
  });

  it('honours a Retry-After for one message only', async () => {
    let refused = false;
    coalescer.schedule('C1:1', async () => {
      if (!refused) {
        refused = true;
        return { retryAfterMs: 5000 };
      }
      runs.push({ at: Date.now() - START, state: 'a' });
      return undefined;
    });
    coalescer.schedule('C2:1', update('b'));
    await vi.advanceTimersByTimeAsync(4000);
    expect(runs.map((run) => run.state)).toEqual(['b']);
    await vi.advanceTimersByTimeAsync(1500);
    expect(runs.map((run) => `${run.at}:${run.state}`)).toEqual(['0:b', '5000:a']);
  });
});
