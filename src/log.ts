import pino from 'pino';
import type { Logger } from './domain/logger.ts';

/** Secrets never reach the logs, whatever object carries them. */
const REDACTED = [
  'token',
  'secret',
  'signingSecret',
  'appToken',
  'botToken',
  'authorization',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.headers.authorization',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_APP_TOKEN',
  'config.SLACK_SIGNING_SECRET',
  'config.DISCORD_TOKEN',
  'config.DEBAT_SECRET',
];

/** Structured logs on stderr (stdout belongs to the terminal adapter), or to `destination`. */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
): Logger & pino.Logger {
  return pino({ level, redact: { paths: REDACTED, censor: '[redacted]' } }, destination);
}
