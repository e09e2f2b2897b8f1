// The real `debat start` process in Slack HTTP mode against the fake Slack, for tests that kill,
// restart or read the logs of the process itself.
import { join } from 'node:path';
import type { FakeSlack, SignedSlackClient } from '../../fakes/slack/index.ts';
import { type Child, startDebat } from './processes.ts';

export const SIGNING_SECRET = 'signing-secret-SECRET0SIGN-0123456789';

export interface SlackBot {
  child: Child;
  port: number;
  client: SignedSlackClient;
}

/** Starts `debat start` with the Slack adapter alone, over HTTP on 127.0.0.1 and a free port. */
export async function startSlackBot(
  slack: FakeSlack,
  dir: string,
  env: Record<string, string> = {},
): Promise<SlackBot> {
  const child = startDebat(
    ['start'],
    {
      DEBAT_ADAPTERS: 'slack',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DEBAT_HOST: '127.0.0.1',
      DEBAT_DB_PATH: join(dir, 'debat.sqlite'),
      DEBAT_SCOREBOARD_INTERVAL_MS: '200',
      DEBAT_LOG_LEVEL: 'info',
      DEBAT_TIMEZONE: 'Europe/Paris',
      ...env,
    },
    dir,
  );
  const listening = /"port":(\d+)[^\n]*HTTP server listening/;
  await child.until((c) => listening.test(c.stderr), 'the HTTP server to listen', 20_000);
  const port = Number(listening.exec(child.stderr)![1]);
  return { child, port, client: slack.httpClient(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET) };
}
