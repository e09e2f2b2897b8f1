// The bot's identity: from configuration, or one auth.test at start, with no retries, so that a
// bad token or an unreachable API is a clear error now rather than a retry loop later.
import { webApi } from '@slack/bolt';
import { ConfigError } from '../../src/api.ts';
import { platformError } from './slack-errors.ts';

export interface BotIdentity {
  botUserId: string;
  botId: string;
  teamId?: string | undefined;
}

const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

export async function resolveIdentity(options: {
  token: string;
  apiUrl?: string | undefined;
  botUserId?: string | undefined;
  botId?: string | undefined;
  logger?: webApi.WebClientOptions['logger'];
}): Promise<BotIdentity> {
  if (options.botUserId && options.botId) return { botUserId: options.botUserId, botId: options.botId };
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: 15_000,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    const result = await client.auth.test();
    if (!result.user_id || !result.bot_id)
      throw new ConfigError([
        'SLACK_BOT_TOKEN: auth.test did not name a bot user; use the Bot User OAuth Token (xoxb-…)',
      ]);
    return { botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = platformError(error);
    if (code && REFUSED.has(code))
      throw new ConfigError([
        `SLACK_BOT_TOKEN: Slack refused this token (${code}); copy the Bot User OAuth Token (xoxb-…) again`,
      ]);
    const where = options.apiUrl ?? 'https://slack.com/api/';
    const reason = code ?? (error instanceof Error ? error.message : String(error));
    throw new ConfigError([
      `SLACK_API_URL: could not check the bot token with auth.test at ${where} (${reason})`,
    ]);
  }
}
