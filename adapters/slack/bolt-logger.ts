// Bolt and its Socket Mode client log through the bot's logger (structured, secrets redacted).
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/api.ts';

const LEVELS: Readonly<Record<string, LogLevel>> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

// The Web API client's debug lines dump whole requests and answers (users.info: ids, names);
// ids of people may name an anonymous voter. Neither reaches the logs.
const PAYLOAD_DUMP = /^(http request (?:body|result|headers)):.*/s;
const PERSON_ID = /\b[UW][A-Z0-9]{8,}\b/g;
const privateDataOut = (message: string): string =>
  message.replace(PAYLOAD_DUMP, '$1: [omitted]').replace(PERSON_ID, '[user]');

export function boltLogger(logger: Logger, level: string): BoltLogger {
  let current = LEVELS[level] ?? LogLevel.INFO;
  let name = 'bolt';
  const write =
    (method: keyof Logger) =>
    (...parts: unknown[]) => {
      const err = parts.find((p) => p instanceof Error);
      const message = privateDataOut(
        parts
          .filter((p) => !(p instanceof Error))
          .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
          .join(' '),
      );
      logger[method]({ component: name, ...(err ? { err } : {}) }, message || String(err));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next: string) => {
      name = next;
    },
  };
}
