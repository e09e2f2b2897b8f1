import pino from 'pino';
import type { Config } from './config.ts';
import type { Logger } from './domain/logger.ts';
import { errorSerializer, scrubbing } from './log-scrub.ts';

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
  'config.SLACK_CLIENT_SECRET',
  'config.SLACK_STATE_SECRET',
  'config.DEBAT_ENCRYPTION_KEY',
  'config.DEBAT_ENCRYPTION_KEY_PREVIOUS',
  'config.DATABASE_URL',
  'config.DEBAT_METRICS_TOKEN',
  'requestBody',
  '*.requestBody',
  'rawBody',
  '*.rawBody',
];

/** Every configured secret, by value: a line that quotes one anyway has it replaced. */
export function secretValues(config: Partial<Config>): string[] {
  const values: (string | undefined)[] = [
    config.SLACK_BOT_TOKEN,
    config.SLACK_APP_TOKEN,
    config.SLACK_SIGNING_SECRET,
    config.SLACK_CLIENT_SECRET,
    config.SLACK_STATE_SECRET,
    config.DISCORD_TOKEN,
    config.DEBAT_SECRET,
    config.DEBAT_ENCRYPTION_KEY,
    ...(config.DEBAT_ENCRYPTION_KEY_PREVIOUS ?? []),
    config.DATABASE_URL,
    config.DEBAT_METRICS_TOKEN,
  ];
  // A database URL's password alone, as drivers quote it.
  if (config.DATABASE_URL && URL.canParse(config.DATABASE_URL)) {
    const password = decodeURIComponent(new URL(config.DATABASE_URL).password);
    if (password) values.push(password);
  }
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

/** Structured logs on stderr (stdout belongs to the terminal adapter), or to `destination`. */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
  secrets: readonly string[] = [],
): Logger & pino.Logger {
  return pino(
    { level, redact: { paths: REDACTED, censor: '[redacted]' }, serializers: { err: errorSerializer } },
    scrubbing(destination, secrets),
  );
}
