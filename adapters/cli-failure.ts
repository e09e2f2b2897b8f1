// A command that failed says why in one plain line on stderr: no stack trace, no JSON.
import { ConfigError, requestedLogLevel } from '../src/config.ts';
import { BackupError } from '../src/store/sqlite/backup.ts';
import { DatabaseFileError } from '../src/store/sqlite/database-file.ts';

/** The line an operator reads; the stack only when they asked for debug logs. */
export function failureLine(error: unknown, logLevel = requestedLogLevel()): string {
  if (error instanceof ConfigError || error instanceof BackupError) return error.message;
  if (error instanceof DatabaseFileError) return `Invalid configuration: DEBAT_DB_PATH: ${error.problem}`;
  const message = error instanceof Error ? error.message : String(error);
  if (logLevel === 'debug' || logLevel === 'trace')
    return `Débat stopped: ${error instanceof Error ? (error.stack ?? message) : message}`;
  return `Débat stopped: ${message.split('\n')[0]} (DEBAT_LOG_LEVEL=debug shows where)`;
}
