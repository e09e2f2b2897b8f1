import { existsSync } from 'node:fs';
import { keyFileOf } from '../src/anonymity-secret.ts';
import { openConfiguredStore } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { createLogger, secretValues } from '../src/log.ts';
import { startBot } from '../src/main.ts';
import { BackupError, backupDatabase } from '../src/store/sqlite/backup.ts';
import { failureLine } from './cli-failure.ts';
import { answerWithoutRunning, readCommandLine } from './cli-options.ts';
import { exportCli } from './export-cli.ts';
import { adapterFactories } from './factories.ts';
import { StartupLog } from './startup-log.ts';
import { summaryCli } from './summary-cli.ts';

async function start(): Promise<void> {
  const config = loadConfig();
  const startupLog = new StartupLog();
  const logger = createLogger(config.DEBAT_LOG_LEVEL, startupLog, secretValues(config));
  const detailed = config.DEBAT_LOG_LEVEL === 'debug' || config.DEBAT_LOG_LEVEL === 'trace';
  // While starting, a stray error stops the start with one plain line; once running, it is logged.
  let running = false;
  const stopStarting = (error: unknown): never => {
    if (detailed) startupLog.release();
    else startupLog.discard();
    process.stderr.write(`${failureLine(error)}\n`);
    process.exit(1);
  };
  const unexpected = (what: string) => (error: unknown) => {
    if (running) logger.error({ err: error }, what);
    else stopStarting(error);
  };
  process.on('unhandledRejection', unexpected('unhandled rejection'));
  process.on('uncaughtException', unexpected('uncaught exception'));
  const bot = await startBot(config, adapterFactories, logger).catch(stopStarting);
  running = true;
  startupLog.release();
  logger.info({ adapters: config.adapters, database: config.DEBAT_DB_PATH }, 'Débat started');
  const shutdown = async (reason: string) => {
    logger.info({ reason }, 'stopping');
    await bot.stop();
    logger.info({}, 'stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  void bot.stopped.then(shutdown);
}

async function migrateOnly(): Promise<void> {
  const config = loadConfig();
  const report = await openConfiguredStore(config, silentLogger);
  await report.store.close();
  process.stdout.write(
    `${report.where}: ${report.applied.length === 0 ? 'Nothing to apply' : `Applied ${report.applied.join(', ')}`}; schema version ${report.version}\n`,
  );
}

async function backup(file: string | undefined): Promise<void> {
  if (!file) throw new BackupError('Usage: debat backup <file>');
  const config = loadConfig();
  // The data lives where the bot runs it: on PostgreSQL, a copy of the SQLite file would be a lie.
  if (config.DATABASE_URL)
    throw new BackupError(
      'debat backup: DATABASE_URL is set, so the debates live in PostgreSQL: back them up with pg_dump (e.g. pg_dump --format=custom --file=debat.dump "$DATABASE_URL")',
    );
  const done = await backupDatabase(config.DEBAT_DB_PATH, file);
  process.stdout.write(
    `Backup written to ${done.file}: schema version ${done.schemaVersion}, ${done.debates} debate(s), ${done.pages} page(s)\n`,
  );
  const keyFile = keyFileOf(config.DEBAT_DB_PATH);
  if (keyFile && existsSync(keyFile))
    process.stdout.write(
      `The anonymity key file ${keyFile} is not in the backup (it never is): keep a copy of it apart from the backups\n`,
    );
}

async function main(argv: string[]): Promise<void> {
  if (answerWithoutRunning(argv)) return;
  const line = readCommandLine(argv);
  if (line.kind !== 'run') return;
  // A .env file in the working folder, if any, fills variables not already set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { command, args } = line;
  switch (command) {
    case 'start':
      return start();
    case 'migrate':
      return migrateOnly();
    case 'backup':
      return backup(args[0]);
    case 'copy-to': {
      const { copyToCli } = await import('./copy-to-cli.ts');
      process.exitCode = await copyToCli(args, loadConfig());
      return;
    }
    case 'summary': {
      const config = loadConfig();
      process.exitCode = await summaryCli(
        args,
        config,
        createLogger(config.DEBAT_LOG_LEVEL, undefined, secretValues(config)),
      );
      return;
    }
    case 'export': {
      const config = loadConfig();
      process.exitCode = await exportCli(
        args,
        config,
        createLogger(config.DEBAT_LOG_LEVEL, undefined, secretValues(config)),
      );
      return;
    }
    case 'forget-workspace': {
      const { forgetWorkspaceCli } = await import('./forget-workspace-cli.ts');
      process.exitCode = await forgetWorkspaceCli(args, loadConfig());
      return;
    }
    case 'discord-register': {
      const { runDiscordRegister } = await import('./discord/register.ts');
      process.exitCode = await runDiscordRegister(args);
      return;
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${failureLine(error)}\n`);
  process.exit(1);
});
