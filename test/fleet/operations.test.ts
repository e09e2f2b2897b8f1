// GET /healthz says whether the store answers; GET /metrics counts what the core answered.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/domain/logger.ts';
import { type HttpOptions, HttpRoutes } from '../../src/http-routes.ts';
import { openStore } from '../../src/open-store.ts';
import { person, testEngine } from '../helpers/engine.ts';
import { createTestDatabase } from '../postgres/databases.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const scrape = (base: string, token = METRICS_TOKEN) =>
  fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });

async function serve(
  answers: () => Promise<boolean>,
  options: HttpOptions = { metricsToken: METRICS_TOKEN },
) {
  const http = new HttpRoutes(silentLogger, options);
  http.checkStoreWith(answers);
  const { port } = await http.listen(0, '127.0.0.1');
  cleanups.push(() => http.close());
  return `http://127.0.0.1:${port}`;
}

describe('operations', () => {
  it('GET /healthz: 200 while PostgreSQL answers, 503 once it does not', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const opened = await openStore(
      {
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: 2,
        DEBAT_DB_PATH: 'unused',
        DEBAT_SYNCHRONOUS: 'NORMAL',
      },
      silentLogger,
    );
    expect(opened.kind).toBe('postgres');
    const base = await serve(opened.answers);
    const health = async () => {
      const res = await fetch(`${base}/healthz`);
      return { status: res.status, body: await res.json() };
    };
    expect(await health()).toEqual({ status: 200, body: { ok: true, store: true, draining: false } });
    await opened.store.close();
    expect(await health()).toEqual({ status: 503, body: { ok: false, store: false, draining: false } });
  });

  it('GET /metrics: answers by platform, kind and outcome, in Prometheus’s format', async () => {
    const bed = await testEngine();
    cleanups.push(() => bed.cleanup());
    const base = await serve(async () => true);
    const count = async (series: string) => {
      const text = await (await scrape(base)).text();
      const line = text.split('\n').find((row) => row.startsWith(series));
      return line === undefined ? 0 : Number(line.slice(series.length + 1));
    };
    const votes = 'debat_acks_total{platform="slack",kind="vote",outcome="ok"}';
    const closed = 'debat_acks_total{platform="slack",kind="vote",outcome="debate.none_open"}';
    const [votesBefore, closedBefore] = [await count(votes), await count(closed)];
    await bed.engine.run(person('ana'), 'voter pour');
    await bed.engine.run(person('ana'), 'lancer Sujet');
    await bed.engine.run(person('bob'), 'voter pour');
    await bed.engine.run(person('cat'), 'voter contre');
    expect(await count(votes)).toBe(votesBefore + 2);
    expect(await count(closed)).toBe(closedBefore + 1);
    const text = await (await scrape(base)).text();
    expect(text).toContain('# TYPE debat_ack_seconds histogram');
    expect(text).toContain('# TYPE debat_scoreboard_edits_total counter');
    expect(text).toContain('# TYPE debat_summaries_posted_total counter');
    expect(text).toContain('# TYPE debat_store_errors_total counter');
  });

  it('GET /metrics passes Prometheus’s own check (`promtool check metrics`)', async () => {
    const bed = await testEngine();
    cleanups.push(() => bed.cleanup());
    await bed.engine.run(person('ana'), 'lancer Sujet');
    await bed.engine.run(person('bob'), 'voter pour');
    const text = await (await scrape(await serve(async () => true))).text();
    expect(text).toContain('debat_acks_total{');
    // Installed by .ci/run (Debian's `prometheus` package ships it).
    const checked = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(checked.error).toBeUndefined();
    expect({ status: checked.status, problems: `${checked.stdout}${checked.stderr}`.trim() }).toEqual({
      status: 0,
      problems: '',
    });
  });

  it('GET /metrics: nothing without the bearer token, not served at all without one configured', async () => {
    const base = await serve(async () => true);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await scrape(base, `${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(base, METRICS_TOKEN.slice(0, -1))).status).toBe(401);
    const unset = await serve(async () => true, {});
    const refused = await scrape(unset);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe('');
  });
});
