import type { Adapter, AdapterFactory } from './adapter.ts';
import { composeEngine, openConfiguredStore } from './compose.ts';
import type { AdapterName, Config } from './config.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import type { Logger } from './domain/logger.ts';
import type { DebateEngine } from './engine/engine.ts';
import { HttpRoutes } from './http-routes.ts';
import type { DebateStore } from './store/ports/debate-store.ts';
import { SummaryScheduler } from './summary/scheduler.ts';
import { pageLinkOptions, servePages } from './web/serve.ts';

const SWEEP_INTERVAL_MS = 30_000;

export interface RunningBot {
  engine: DebateEngine;
  store: DebateStore;
  http: HttpRoutes;
  adapters: Adapter[];
  /** Resolves once the bot asked to stop (terminal end of input, `/quit`). */
  stopped: Promise<string>;
  stop(): Promise<void>;
}

/** Builds the engine (config → database → migrations) and starts the enabled adapters. */
export async function startBot(
  config: Config,
  factories: Partial<Record<AdapterName, AdapterFactory>>,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<RunningBot> {
  // PostgreSQL when DATABASE_URL is set (a fleet shares it), the SQLite file otherwise.
  const opened = await openConfiguredStore(config, logger);
  const { store } = opened;
  const http = new HttpRoutes(logger, {
    metricsToken: config.DEBAT_METRICS_TOKEN,
    maxConnections: config.DEBAT_MAX_CONNECTIONS,
  });
  http.checkStoreWith(opened.answers);
  const engine = await composeEngine(config, opened, logger, clock, {
    scoreboardIntervalMs: config.DEBAT_SCOREBOARD_INTERVAL_MS,
    scoreboardPacing: opened.pacing,
    pages: pageLinkOptions(config, opened.pages, http, logger),
  });
  if (engine.pages)
    servePages(
      http,
      { links: engine.pages, store, defaults: engine.defaults, clock },
      undefined,
      config.DATABASE_URL ? config.DATABASE_POOL_SIZE : undefined,
    );
  let requestShutdown: (reason: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    requestShutdown = resolve;
  });
  const adapters: Adapter[] = [];
  const { installations } = opened;
  for (const name of config.adapters) {
    const factory = factories[name];
    if (!factory) throw new Error(`No adapter named ${name}`);
    const adapter = await factory({ config, engine, logger, clock, http, requestShutdown, installations });
    engine.registerPublisher(adapter.platform, adapter.publisher);
    adapters.push(adapter);
  }
  for (const adapter of adapters) await adapter.start();
  // With DEBAT_PUBLIC_URL set, the debate pages need the server even if no adapter does.
  if (http.needed || config.DEBAT_PUBLIC_URL) {
    const address = await http.listen(config.PORT, config.DEBAT_HOST);
    logger.info({ port: address.port, host: address.address }, 'HTTP server listening');
  }

  // Claims made by this instance stay its own while it lives; a killed one's are taken over.
  await engine.lease.start();
  const sweeper = setInterval(() => {
    engine.sweep().catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  // Weekly summaries: a catch-up pass now (one missed while down, same week), then every 30 s.
  const summaries = new SummaryScheduler({
    store,
    clock,
    logger,
    defaults: engine.defaults,
    publisherFor: (platform) => adapters.find((adapter) => adapter.platform === platform)?.publisher,
    pageLinks: engine.pages,
    lease: engine.lease,
  });
  void summaries.start().catch((error: unknown) => logger.error({ err: error }, 'summary scheduler failed'));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(sweeper);
      await summaries.stop();
      await http.close();
      for (const adapter of adapters) await adapter.stop();
      // After the adapters' last commands: every scoreboard ends exact, every end is announced.
      await engine.close();
      await engine.lease.stop();
      await store.close();
    })();
    return stopping;
  };
  return { engine, store, http, adapters, stopped, stop };
}
