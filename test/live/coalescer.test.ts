// The per-message coalescing both chat adapters use for live scoreboards.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/domain/logger.ts';
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

  it('tries a failed update again, later each time, with the latest state, until it goes through', async () => {
    let failuresLeft = 2;
    let latest = '1 vote';
    const work = async () => {
      runs.push({ at: Date.now() - START, state: latest });
      if (failuresLeft-- > 0) throw new Error('HTTP 500');
    };
    coalescer.schedule('C1:1', work);
    await vi.advanceTimersByTimeAsync(10);
    latest = '2 votes';
    await vi.advanceTimersByTimeAsync(10_000);
    // A 500 at 0, another after one interval, then two intervals later the latest state goes.
    expect(runs).toEqual([
      { at: 0, state: '1 vote' },
      { at: 2000, state: '2 votes' },
      { at: 6000, state: '2 votes' },
    ]);
  });

  it('stops trying a message that fails every time, after eight tries again', async () => {
    const work = async () => {
      runs.push({ at: Date.now() - START, state: 'refused' });
      throw new Error('HTTP 500');
    };
    coalescer.schedule('C1:1', work);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(runs).toHaveLength(9);
    // The waits double from the interval up to a minute.
    expect(runs.slice(1).map((run, i) => run.at - runs[i]!.at)).toEqual([
      2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    // A new change starts over.
    coalescer.schedule('C1:1', update('the platform is back'));
    await vi.advanceTimersByTimeAsync(10);
    expect(runs.at(-1)).toEqual({ at: 30 * 60_000, state: 'the platform is back' });
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
    // Due together, the second goes at the next turn of the event loop (1 ms under fake timers).
    expect(runs.map((run) => `${run.at}:${run.state}`)).toEqual(['0:a1', '1:b1', '2500:a2']);
  });

  it('waits out a Retry-After when closed at shutdown, so the last state still goes out', async () => {
    let refusals = 1;
    coalescer.schedule('C1:1', async () => {
      if (refusals-- > 0) return { retryAfterMs: 3000 };
      runs.push({ at: Date.now() - START, state: 'final' });
      return undefined;
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toEqual([]);
    const closed = coalescer.close();
    await vi.advanceTimersByTimeAsync(3100);
    await closed;
    expect(runs).toEqual([{ at: 3000, state: 'final' }]);
  });

  it('gives up waiting at the flush limit and sends once more', async () => {
    coalescer.schedule('C1:1', async () => {
      runs.push({ at: Date.now() - START, state: 'tried' });
      return { retryAfterMs: 60_000 };
    });
    await vi.advanceTimersByTimeAsync(10);
    const flushed = coalescer.flush(1000);
    await vi.advanceTimersByTimeAsync(1100);
    await flushed;
    expect(runs.map((run) => run.at)).toEqual([0, 1011]);
    // Closing waits its own limit for the wait still asked for, then drops it.
    const closing = coalescer.close();
    await vi.advanceTimersByTimeAsync(11_000);
    await closing;
    expect(coalescer.size).toBe(0);
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
    // b went at the turn after a's first try (1 ms under fake timers).
    expect(runs.map((run) => `${run.at}:${run.state}`)).toEqual(['1:b', '5000:a']);
  });

  describe('with the real event loop', () => {
    beforeEach(() => vi.useRealTimers());

    it('starts updates due together one per turn, so a request arriving meanwhile is answered between them', async () => {
      const order: string[] = [];
      const server = createServer((_req, res) => {
        order.push('request answered');
        res.end('ok');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        // Forty debates' scoreboards fall due at once; each edit renders for a few milliseconds.
        for (let board = 0; board < 40; board++)
          coalescer.schedule(`C${board}:1`, async () => {
            const until = performance.now() + 3;
            while (performance.now() < until);
            order.push('edit');
          });
        const answered = fetch(`http://127.0.0.1:${port}/`).then((response) => response.text());
        expect(await answered).toBe('ok');
        await coalescer.flush();
        expect(order.filter((entry) => entry === 'edit')).toHaveLength(40);
        // Together in one turn, all forty would run before the request is even read.
        expect(order.indexOf('request answered')).toBeLessThan(39);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
