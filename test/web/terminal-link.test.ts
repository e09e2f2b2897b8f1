// The terminal prints a local link: the real `debat start` in a child process, its stdin kept
// open, the HTTP server started on 127.0.0.1 only when `page` is typed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';

const BIN = new URL('../../bin/debat.mjs', import.meta.url).pathname;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'debat-terminal-page-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('answers `page` with a link to 127.0.0.1 that serves the debate, and stops cleanly', async () => {
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, DEBAT_USER: 'Paul', PORT: '0', DEBAT_TIMEZONE: 'Europe/Paris' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const seen = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = out.match(pattern);
        if (match) {
          child.stdout.off('data', check);
          resolve(match);
        }
      };
      child.stdout.on('data', check);
      child.once('exit', () => reject(new Error(`exited before ${pattern}: ${out}`)));
      check();
    });
  try {
    child.stdin.write('lancer Faut-il un open space ?\n');
    await seen(/Débat n° 1 : Faut-il un open space \?/);
    child.stdin.write('pour Moins de murs, plus d’échanges\npage\n');
    const [url] = await seen(/http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{43}/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Faut-il un open space ?');
    expect(html).toContain('Moins de murs, plus d’échanges');
    child.stdin.end('/quit\n');
    expect(await exited).toBe(0);
  } finally {
    child.kill();
  }
});
