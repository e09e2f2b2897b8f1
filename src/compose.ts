// The one composition root of every `debat` command (start, export, summary, backup,
// forget-workspace, migrate): the configured store (PostgreSQL when DATABASE_URL is set, the
// SQLite file otherwise), migrated, and the engine on it built the same way everywhere.
import { anonymityKey, keyFileOf } from './anonymity-secret.ts';
import type { Config } from './config.ts';
import type { Clock } from './domain/clock.ts';
import type { ChannelDefaults } from './domain/defaults.ts';
import type { Logger } from './domain/logger.ts';
import { DebateEngine, type EngineOptions } from './engine/engine.ts';
import { type OpenedStore, openStore } from './open-store.ts';

export type { OpenedStore };

/** A channel's settings before anyone changes them, as the configuration says. */
export function channelDefaultsOf(config: Config): ChannelDefaults {
  return {
    language: config.DEBAT_LANGUAGE,
    timezone: config.DEBAT_TIMEZONE,
    summaryDay: config.DEBAT_SUMMARY_AT.day,
    summaryTime: config.DEBAT_SUMMARY_AT.time,
  };
}

/** Opens (and migrates) the configured store: the same function for every command. */
export function openConfiguredStore(config: Config, logger: Logger): Promise<OpenedStore> {
  return openStore(config, logger);
}

/** The engine on an opened store, with the configured anonymity secret and channel defaults. */
export async function composeEngine(
  config: Config,
  opened: OpenedStore,
  logger: Logger,
  clock: Clock,
  extra: Pick<EngineOptions, 'pages' | 'scoreboardPacing' | 'scoreboardIntervalMs'> = {},
): Promise<DebateEngine> {
  return DebateEngine.create({
    store: opened.store,
    clock,
    logger,
    // The anonymity key never sits beside the data: from the environment, sealed, or a key file.
    secret: await anonymityKey(
      opened.store,
      {
        secret: config.DEBAT_SECRET,
        encryptionKey: config.DEBAT_ENCRYPTION_KEY,
        previousKeys: config.DEBAT_ENCRYPTION_KEY_PREVIOUS,
        keyFile: opened.kind === 'sqlite' ? keyFileOf(config.DEBAT_DB_PATH) : undefined,
      },
      logger,
    ),
    defaults: channelDefaultsOf(config),
    ...extra,
  });
}
