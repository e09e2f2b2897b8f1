import type { Adapter, AdapterFactory } from './adapter.ts';
import { anonymityKey, keyFileOf } from './anonymity-secret.ts';
import type { AdapterName, Config } from './config.ts';
import { type Clock, systemClock } from './engine/clock.ts';
import { DebateEngine } from './engine/engine.ts';
import type { Logger } from './engine/logger.ts';
import { HttpRoutes } from './http-routes.ts';
import { openStore } from './open-store.ts';
import type { DebateStore } from './store/ports.ts';
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
  const opened = await openStore(config, logger);
  const { store } = opened;
  const http = new HttpRoutes(logger);
  http.checkStoreWith(opened.answers);
  const engine = await DebateEngine.create({
    store,
    clock,
    logger,
    secret: await anonymityKey(
      store,
      {
        secret: config.DEBAT_SECRET,
        encryptionKey: config.DEBAT_ENCRYPTION_KEY,
        previousKeys: config.DEBAT_ENCRYPTION_KEY_PREVIOUS,
        keyFile: opened.kind === 'sqlite' ? keyFileOf(config.DEBAT_DB_PATH) : undefined,
      },
      logger,
    ),
    scoreboardIntervalMs: config.DEBAT_SCOREBOARD_INTERVAL_MS,
    scoreboardPacing: opened.pacing,
    pages: pageLinkOptions(config, opened.pages, http, logger),
    defaults: {
      language: config.DEBAT_LANGUAGE,
      timezone: config.DEBAT_TIMEZONE,
      summaryDay: config.DEBAT_SUMMARY_AT.day,
      summaryTime: config.DEBAT_SUMMARY_AT.time,
    },
  });
  if (engine.pages) servePages(http, { links: engine.pages, store, defaults: engine.defaults, clock });
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

  const sweeper = setInterval(() => {
    engine.sweep().catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  // Weekly summaries: a catch-up pass now (one missed while down, same week), then every minute.
  const summaries = new SummaryScheduler({
    store,
    clock,
    logger,
    defaults: engine.defaults,
    publisherFor: (platform) => adapters.find((adapter) => adapter.platform === platform)?.publisher,
    pageLinks: engine.pages,
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
      await store.close();
    })();
    return stopping;
  };
  return { engine, store, http, adapters, stopped, stop };
}
