import { join } from 'node:path';
import type { Adapter, AdapterDeps } from '../src/adapter.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import type { Invocation } from '../src/domain/types.ts';
import type { DebateEngine } from '../src/engine/engine.ts';
import { HttpRoutes } from '../src/http-routes.ts';
import type { DebateStore } from '../src/store/ports/debate-store.ts';
import { engineOnFile } from './engine-on-file.ts';

/**
 * A chat adapter as `debat start` builds it (engine, SQLite file, the shared HTTP server on a free
 * port), with one open debate whose scoreboard is posted: what the HTTP benchmarks click on.
 */
export async function adapterWithDebate(
  create: (deps: AdapterDeps) => Promise<Adapter>,
  env: Record<string, string>,
  dir: string,
  opener: Invocation,
  /** The engine and its store: a SQLite file in `dir` unless given (PostgreSQL). */
  engineFor: () => Promise<{ engine: DebateEngine; store: DebateStore }> = () =>
    engineOnFile(join(dir, 'bench.sqlite')),
): Promise<{ port: number; scoreboardId: string; close: () => Promise<void> }> {
  const config = loadConfig({ ...env, DEBAT_LOG_LEVEL: 'silent' });
  const { engine, store } = await engineFor();
  const http = new HttpRoutes(silentLogger);
  const adapter = await create({
    config,
    engine,
    logger: silentLogger,
    clock: systemClock,
    http,
    requestShutdown: () => {},
  });
  await adapter.start();
  const address = await http.listen(0, '127.0.0.1');
  await engine.run(opener, 'lancer Le banc d’essai');
  const live = await engine.liveScoreboard(opener, 1);
  if (!live) throw new Error('no scoreboard');
  const ref = await adapter.publisher.post(opener, live);
  if (!ref) throw new Error('scoreboard not posted');
  await engine.attachScoreboard(opener, 1, ref);
  return {
    port: address.port,
    // A scoreboard ref is "channel:message".
    scoreboardId: ref.split(':')[1] ?? '',
    async close() {
      await http.close();
      await adapter.stop();
      await store.close();
    },
  };
}
