import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { startBot } from '../src/main.ts';
import { BackupError, backupDatabase } from '../src/store/backup.ts';
import { migrateConfiguredStore } from '../src/store/migrate-configured.ts';
import { adapterFactories } from './factories.ts';
import { SUMMARY_USAGE, summaryCli } from './summary-cli.ts';

const USAGE = `Usage: debat <command>

Commands:
  start      run the bot (the terminal when no platform token is set)
  migrate    apply pending database migrations (PostgreSQL when DATABASE_URL is set) and exit
  backup <file>  copy the database to a new file, also while the bot runs
  summary    a channel's weekly summary at a given moment: ${SUMMARY_USAGE}
  discord-register [--guild ID]  register /debat on Discord (in one server to try it; everywhere otherwise)
  help       this help

Configuration comes from the environment (see .env.example).`;

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.DEBAT_LOG_LEVEL);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));
  const bot = await startBot(config, adapterFactories, logger);
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
  const report = await migrateConfiguredStore(loadConfig());
  process.stdout.write(
    `${report.where}: ${report.applied.length === 0 ? 'Nothing to apply' : `Applied ${report.applied.join(', ')}`}; schema version ${report.version}\n`,
  );
}

async function backup(file: string | undefined): Promise<void> {
  if (!file) throw new BackupError('Usage: debat backup <file>');
  const { DEBAT_DB_PATH } = loadConfig();
  const done = await backupDatabase(DEBAT_DB_PATH, file);
  process.stdout.write(
    `Backup written to ${done.file}: schema version ${done.schemaVersion}, ${done.debates} debate(s), ${done.pages} page(s)\n`,
  );
}

async function main(argv: string[]): Promise<void> {
  // A .env file in the working folder, if any, fills variables not already set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const [command = 'start'] = positionals;
  switch (command) {
    case 'start':
      return start();
    case 'migrate':
      return migrateOnly();
    case 'backup':
      return backup(positionals[1]);
    case 'summary': {
      const config = loadConfig();
      const args = argv.slice(argv.indexOf('summary') + 1);
      process.exitCode = await summaryCli(args, config, createLogger(config.DEBAT_LOG_LEVEL));
      return;
    }
    case 'discord-register': {
      const { runDiscordRegister } = await import('./discord/register.ts');
      process.exitCode = await runDiscordRegister(argv.slice(argv.indexOf('discord-register') + 1));
      return;
    }
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof BackupError)
    process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
