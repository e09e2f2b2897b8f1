import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestBed } from '../helpers/engine.ts';
import { CHANNEL, seedBeforeWindow, seededBed, seedWindow } from './seed.ts';

const CHILD = new URL('./child/summary-child.ts', import.meta.url).pathname;
const children = new Set<ChildProcess>();
let bed: TestBed;
let out: string;

interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout line that starts with `prefix`. */
  line(prefix: string): Promise<string>;
  exited: Promise<number | null>;
  stderr: () => string;
}

function start(now: string, mode: 'run' | 'hang-in-post', goFile?: string): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, bed.path, now, out, mode, ...(goFile ? [goFile] : [])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let stdout = '';
  let stderr = '';
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const found = stdout.split('\n').find((l) => l.startsWith(w.prefix));
      if (found !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(found);
      }
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return {
    process: child,
    line: (prefix) =>
      new Promise<string>((resolve, reject) => {
        waiters.push({ prefix, resolve });
        check();
        void exited.then(() =>
          setTimeout(() => reject(new Error(`exited before "${prefix}": ${stderr}`)), 50),
        );
      }),
    exited,
    stderr: () => stderr,
  };
}

const posts = () =>
  existsSync(out)
    ? readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { pid: number; channel: string })
    : [];

beforeEach(async () => {
  bed = await seededBed();
  out = join(bed.dir, 'posts.jsonl');
  await seedBeforeWindow(bed);
  await seedWindow(bed);
});

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  await bed.cleanup();
});

describe('exactly once across real processes on one database file', () => {
  it('two processes, same schedule, same moment, 40 channels: each summary posted once', async () => {
    for (let i = 0; i < 39; i++) {
      bed.clock.set(new Date(Date.parse('2026-03-24T09:00:00Z') + i * 1000));
      const who = { ...CHANNEL, channelId: `C-${i}`, user: { id: `u${i}`, name: `u${i}`, isAdmin: false } };
      await bed.engine.run(who, `lancer Sujet ${i}`);
      await bed.engine.run(who, 'voter contre');
    }
    const go = join(bed.dir, 'go');
    const a = start('2026-03-27T15:00:30Z', 'run', go);
    const b = start('2026-03-27T15:00:30Z', 'run', go);
    await Promise.all([a.line('ready'), b.line('ready')]);
    writeFileSync(go, '');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const channels = posts().map((p) => p.channel);
    expect(channels).toHaveLength(40);
    expect(new Set(channels).size).toBe(40);
    const ledger = await bed.store.ledgerSince('2026-03-23');
    expect(ledger.filter((e) => e.weekStart === '2026-03-23' && e.status === 'posted')).toHaveLength(40);
  });

  it('a process killed between claim and post: nobody posts while its lease holds, one post within a minute', async () => {
    const first = start('2026-03-27T15:00:00Z', 'hang-in-post');
    expect(await first.line('posting')).toBe('posting C1');
    first.process.kill('SIGKILL');
    await first.exited;
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toMatchObject({
      status: 'claimed',
      attempts: 1,
    });

    // Another process 15 s later: the lease renewed at the claim still holds (it could be a slow post).
    const soon = start('2026-03-27T15:00:15Z', 'run');
    expect(await soon.line('done')).toBe('done [["C1","busy"]]');
    await soon.exited;
    expect(posts()).toHaveLength(0);

    // Its lease lapsed (20 s without renewal): the next pass, within the minute, posts it once.
    const later = start('2026-03-27T15:00:30Z', 'run');
    expect(await later.line('done')).toBe('done [["C1","posted"]]');
    await later.exited;
    const again = start('2026-03-27T15:01:00Z', 'run');
    expect(await again.line('done')).toBe('done [["C1","done"]]');
    await again.exited;
    expect(posts().map((p) => p.channel)).toEqual(['C1']);
    expect(await bed.store.ledgerEntry(CHANNEL, '2026-03-23')).toMatchObject({
      status: 'posted',
      attempts: 2,
    });
  });

  it('three instances, the claim holder SIGKILLed right after claiming: the other two post it once, within a minute of the due time', async () => {
    const holder = start('2026-03-27T15:00:00Z', 'hang-in-post');
    expect(await holder.line('posting')).toBe('posting C1');
    holder.process.kill('SIGKILL');
    await holder.exited;
    // 10 s later both see a live lease (last renewed at the claim): neither takes it.
    const early = join(bed.dir, 'go-early');
    const [b1, c1] = [
      start('2026-03-27T15:00:10Z', 'run', early),
      start('2026-03-27T15:00:10Z', 'run', early),
    ];
    await Promise.all([b1.line('ready'), c1.line('ready')]);
    writeFileSync(early, '');
    expect([await b1.line('done'), await c1.line('done')]).toEqual([
      'done [["C1","busy"]]',
      'done [["C1","busy"]]',
    ]);
    await Promise.all([b1.exited, c1.exited]);
    // Their passes 40 s after the due time, at the same moment: the lapsed claim goes to one of them.
    const go = join(bed.dir, 'go');
    const [b, c] = [start('2026-03-27T15:00:40Z', 'run', go), start('2026-03-27T15:00:40Z', 'run', go)];
    await Promise.all([b.line('ready'), c.line('ready')]);
    writeFileSync(go, '');
    // One posts; the other finds it claimed (busy) or already posted (done), as it happens to look.
    const outcomes = [await b.line('done'), await c.line('done')];
    expect(outcomes.filter((line) => line === 'done [["C1","posted"]]')).toHaveLength(1);
    expect(outcomes.filter((line) => /"(busy|done)"/.test(line))).toHaveLength(1);
    await Promise.all([b.exited, c.exited]);
    expect(posts().map((p) => p.channel)).toEqual(['C1']);
  });

  it('down across the scheduled time: the process that comes back posts once, the next one not', async () => {
    const back = start('2026-03-28T09:00:00Z', 'run');
    expect(await back.line('done')).toBe('done [["C1","posted"]]');
    await back.exited;
    const next = start('2026-03-28T09:01:00Z', 'run');
    expect(await next.line('done')).toBe('done [["C1","done"]]');
    await next.exited;
    expect(posts()).toHaveLength(1);
  });
});
