import { z } from 'zod';
import { canonicalTimeZone } from './commands/weekly-time.ts';
import { LANGUAGES } from './domain/types.ts';
import { DEFAULT_MAX_CONNECTIONS } from './http/limits.ts';
import { parseKey } from './secrets/sealer.ts';
import { shardCount, shardIds, shardPlan } from './shards.ts';
import { DEFAULT_SUMMARY_SCHEDULE } from './summary/period.ts';
import { parseSummaryAt, sundayFirstFromIso, timeOf } from './summary/summary-at.ts';

const hostZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const token = (prefix: string) =>
  optionalText.refine((value) => value === undefined || value.startsWith(prefix), {
    message: `must start with "${prefix}"`,
  });

const url = optionalText.refine((value) => value === undefined || URL.canParse(value), {
  message: 'must be an absolute URL (http://… or https://…)',
});

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];

/** postgres://user:password@host:5432/database?sslmode=…; the password never appears in a message. */
const databaseUrl = optionalText.superRefine((value, ctx) => {
  if (value === undefined) return;
  const example = 'e.g. postgres://debat:password@db.example:5432/debat';
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:'))
    ctx.addIssue({ code: 'custom', message: `must be a PostgreSQL URL, ${example}` });
  else if (url.hostname === '' && !url.searchParams.get('host'))
    ctx.addIssue({ code: 'custom', message: `names no server, ${example}` });
  else if (url.searchParams.has('sslmode') && !SSL_MODES.includes(url.searchParams.get('sslmode')!))
    ctx.addIssue({ code: 'custom', message: `sslmode must be one of ${SSL_MODES.join(', ')}` });
});

/**
 * The base of debate page links, as browsers reach the bot (https://debat.example.org, or with a
 * path behind a reverse proxy). Links are pasted into chat messages: no query, fragment or login.
 */
const publicUrl = optionalText
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      ctx.addIssue({
        code: 'custom',
        message: 'must be an http:// or https:// address, e.g. https://debat.example.org',
      });
    else if (url.search || url.hash || url.username || url.password || /[|<>\s]/.test(value))
      ctx.addIssue({
        code: 'custom',
        message: 'must be a plain address, without ?query, #fragment or login',
      });
  })
  .transform((value) => value && new URL(value).href.replace(/\/+$/, ''));

const KEY_HINT = '32 random bytes as 64 hex characters or base64, e.g. from `openssl rand -base64 32`';
const encryptionKey = optionalText.refine((value) => value === undefined || parseKey(value) !== undefined, {
  message: `must be ${KEY_HINT}`,
});
const previousKeys = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const keys = value
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (keys.some((key) => parseKey(key) === undefined)) {
    ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of old keys, each ${KEY_HINT}` });
    return z.NEVER;
  }
  return keys;
});

const UNITS_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;
/** "30d", "12h", "90m", "45s", or a number of days. */
const retention = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const match = /^(\d{1,6})\s*([dhms]?)$/i.exec(value);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as "30d", "12h" or "0" (at once)' });
      return z.NEVER;
    }
    const unit = (match[2]?.toLowerCase() || 'd') as keyof typeof UNITS_MS;
    return Number(match[1]) * UNITS_MS[unit];
  });

const ADAPTERS = ['terminal', 'slack', 'discord'] as const;
export type AdapterName = (typeof ADAPTERS)[number];

/** "vendredi 16:00", "fri 16:00", "16h30" (Friday kept), "16h vendredi" → weekday and HH:MM. */
const summaryAt = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parsed = parseSummaryAt(value, DEFAULT_SUMMARY_SCHEDULE);
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a day and/or a time, e.g. "vendredi 16:00", "fri 16:00" or "16h30"',
      });
      return z.NEVER;
    }
    return { day: sundayFirstFromIso(parsed.value.weekday), time: timeOf(parsed.value) };
  });

const schema = z.object({
  DEBAT_ADAPTERS: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const names = value.split(',').map((name) => name.trim().toLowerCase());
    const unknown = names.filter((name) => !(ADAPTERS as readonly string[]).includes(name));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown adapter(s) ${unknown.join(', ')}; known: ${ADAPTERS.join(', ')}`,
      });
      return z.NEVER;
    }
    return [...new Set(names)] as AdapterName[];
  }),
  DEBAT_DB_PATH: z.string().trim().min(1).default('./data/debat.sqlite'),
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DEBAT_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  DEBAT_LANGUAGE: z.enum(LANGUAGES).default('fr'),
  DEBAT_TIMEZONE: z
    .string()
    .trim()
    .default(hostZone)
    .transform((value, ctx) => {
      const zone = canonicalTimeZone(value);
      if (zone === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not an IANA time zone (e.g. Europe/Paris)` });
        return z.NEVER;
      }
      return zone;
    }),
  DEBAT_SUMMARY_AT: summaryAt.default({ day: 5, time: '16:00' }),
  DEBAT_SECRET: optionalText.refine((value) => value === undefined || value.length >= 16, {
    message: 'must be at least 16 characters long',
  }),
  DEBAT_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).optional(),
  /** The common convention: set (to anything) turns the terminal's colours off. */
  NO_COLOR: z.string().optional(),
  DEBAT_SCOREBOARD_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  DEBAT_USER: optionalText,
  DEBAT_HOST: z.string().trim().min(1).default('0.0.0.0'),
  DEBAT_PUBLIC_URL: publicUrl,
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DEBAT_MAX_CONNECTIONS: z.coerce.number().int().min(16).max(1_000_000).default(DEFAULT_MAX_CONNECTIONS),
  DEBAT_METRICS_TOKEN: optionalText.refine(
    (value) => value === undefined || /^[\x21-\x7e]{24,}$/.test(value),
    {
      message: 'must be at least 24 printable characters without spaces, e.g. from `openssl rand -hex 24`',
    },
  ),
  SLACK_BOT_TOKEN: token('xoxb-'),
  SLACK_APP_TOKEN: token('xapp-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: url,
  SLACK_BOT_USER_ID: optionalText,
  SLACK_BOT_ID: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText.refine((value) => value === undefined || value.length >= 16, {
    message: 'must be at least 16 characters long (it signs the install state)',
  }),
  DEBAT_ENCRYPTION_KEY: encryptionKey,
  DEBAT_ENCRYPTION_KEY_PREVIOUS: previousKeys,
  DEBAT_RETENTION_AFTER_UNINSTALL: retention.default(30 * UNITS_MS.d),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), {
    message: 'must be the numeric application id',
  }),
  DISCORD_PUBLIC_KEY: optionalText.refine((value) => value === undefined || /^[0-9a-fA-F]{64}$/.test(value), {
    message: 'must be the 64 hexadecimal characters of the application public key',
  }),
  DISCORD_API_URL: url,
  DISCORD_SHARD_COUNT: shardCount,
  DISCORD_SHARD_IDS: shardIds,
});

export type Config = Omit<z.output<typeof schema>, 'DEBAT_LOG_LEVEL'> & {
  adapters: AdapterName[];
  DEBAT_LOG_LEVEL: NonNullable<z.output<typeof schema>['DEBAT_LOG_LEVEL']>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One problem, one line: what an operator reads in a service's log.
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]}`
        : `Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** One Slack app installed by many workspaces (OAuth): HTTP only, tokens sealed. */
function manyWorkspaceProblems(config: z.output<typeof schema>): string[] {
  const problems: string[] = [];
  if (config.SLACK_BOT_TOKEN)
    problems.push(
      'SLACK_BOT_TOKEN: set either it (one workspace) or SLACK_CLIENT_ID (many workspaces), not both',
    );
  if (config.SLACK_APP_TOKEN)
    problems.push(
      'SLACK_APP_TOKEN: an app installed by many workspaces uses HTTP mode, not Socket Mode; unset it',
    );
  if (!config.SLACK_CLIENT_SECRET) problems.push('SLACK_CLIENT_SECRET: required with SLACK_CLIENT_ID');
  if (!config.SLACK_STATE_SECRET) problems.push('SLACK_STATE_SECRET: required with SLACK_CLIENT_ID');
  if (!config.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET: required with SLACK_CLIENT_ID');
  if (!config.DEBAT_ENCRYPTION_KEY)
    problems.push(
      `DEBAT_ENCRYPTION_KEY: required with SLACK_CLIENT_ID to keep tokens encrypted (${KEY_HINT})`,
    );
  return problems;
}

/**
 * The log level asked for, read even when the rest of the configuration is invalid: a start that
 * fails says where only when debug logs were asked for.
 */
export function requestedLogLevel(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DEBAT_LOG_LEVEL;
}

/**
 * The one reader of the environment: every variable validated, every problem named. `overrides`
 * are settings a command fixes for itself (e.g. `discord-register` runs the Discord adapter).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Readonly<Record<string, string>> = {},
): Config {
  // An empty variable (`PORT=` in a .env file) means "use the default".
  const given = Object.fromEntries(
    Object.entries({ ...env, ...overrides }).filter(
      ([, value]) => value !== undefined && value.trim() !== '',
    ),
  );
  const parsed = schema.safeParse(given);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const config = parsed.data;
  const adapters =
    config.DEBAT_ADAPTERS ??
    ([
      ...(config.SLACK_BOT_TOKEN || config.SLACK_CLIENT_ID ? ['slack'] : []),
      ...(config.DISCORD_TOKEN || config.DISCORD_PUBLIC_KEY ? ['discord'] : []),
    ] as AdapterName[]);
  if (adapters.length === 0) adapters.push('terminal');
  const problems: string[] = [];
  if (adapters.includes('slack') && config.SLACK_CLIENT_ID) problems.push(...manyWorkspaceProblems(config));
  else if (adapters.includes('slack')) {
    if (!config.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required to run the Slack adapter');
    if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET)
      problems.push(
        'SLACK_SIGNING_SECRET: required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      );
  }
  if (adapters.includes('discord')) {
    if (!config.DISCORD_APPLICATION_ID)
      problems.push('DISCORD_APPLICATION_ID: required to run the Discord adapter');
    if (!config.DISCORD_TOKEN && !config.DISCORD_PUBLIC_KEY)
      problems.push(
        'DISCORD_TOKEN: required for the gateway (or set DISCORD_PUBLIC_KEY for HTTP interactions)',
      );
  }
  const shards = shardPlan(config.DISCORD_SHARD_COUNT, config.DISCORD_SHARD_IDS);
  if ('problem' in shards) problems.push(shards.problem);
  if (problems.length > 0) throw new ConfigError(problems);
  // The terminal keeps its screen for the conversation: only warnings by default.
  const logLevel =
    config.DEBAT_LOG_LEVEL ?? (adapters.length === 1 && adapters[0] === 'terminal' ? 'warn' : 'info');
  return { ...config, adapters, DEBAT_LOG_LEVEL: logLevel };
}
