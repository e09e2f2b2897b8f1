// One Slack app for many workspaces on a fleet: two real `debat start` processes on one PostgreSQL,
// installed through one, used through the other; a removal seen by one is obeyed by both at once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { botScopes } from '../../adapters/slack/oauth/scopes.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import { createTestDatabase, type TestDatabase } from '../postgres/databases.ts';
import { killAll } from '../reliability/support/processes.ts';
import { type SlackBot, startSlackBot } from '../reliability/support/slack-process.ts';
import { removeTempDirs, tempDir } from '../reliability/support/temp.ts';
import { installVia, STATE_SECRET } from '../slack/many-harness.ts';

let slack: FakeSlack | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await killAll();
  await slack?.close();
  await database?.drop();
  removeTempDirs();
});

describe('many workspaces on two instances sharing PostgreSQL', () => {
  it('installs through one instance, serves through the other, and stops both at a removal', async () => {
    database = await createTestDatabase();
    slack = await startFakeSlack({ scopes: botScopes() });
    const env = {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '2',
      // No bot token: the app is installed by workspaces.
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: slack.oauth.clientId,
      SLACK_CLIENT_SECRET: slack.oauth.clientSecret,
      SLACK_STATE_SECRET: STATE_SECRET,
      DEBAT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    const [one, two] = (await Promise.all([
      startSlackBot(slack, tempDir('debat-many-'), env),
      startSlackBot(slack, tempDir('debat-many-'), env),
    ])) as [SlackBot, SlackBot];
    const alpha = await installVia(`http://127.0.0.1:${one.port}`, slack, { teamId: 'TALPHA' });
    const a = slack.payloadsFor(alpha);

    await two.client.command(
      a.slashCommand({ user: 'UA1', channel: 'CALPHA', text: 'lancer Sur deux machines ?' }),
    );
    const post = await slack.waitForCall('chat.postMessage', (call) => call.args.channel === 'CALPHA');
    expect(post.installation).toBe('TALPHA');
    expect(post.response?.ok).toBe(true);

    // Alpha removes the app: the event reaches instance one; instance two obeys at once.
    slack.oauth.revoke('TALPHA');
    expect((await one.client.event(a.eventCallback({ type: 'app_uninstalled' }))).status).toBe(200);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const removed = async () =>
        (await client.query("SELECT 1 FROM installations WHERE key = 'TALPHA'")).rowCount === 0;
      for (let round = 0; !(await removed()); round++) {
        if (round > 200) throw new Error('the installation was not removed');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const before = slack.calls().length;
      await two.client.command(a.slashCommand({ user: 'UA1', channel: 'CALPHA', text: 'lancer Encore ?' }));
      await one.client.command(a.slashCommand({ user: 'UA1', channel: 'CALPHA', text: 'liste' }));
      expect(
        slack
          .calls()
          .slice(before)
          .filter((call) => call.installation === 'TALPHA'),
      ).toEqual([]);
      // The debate itself is kept for the retention period.
      const debates = await client.query("SELECT topic FROM debates WHERE workspace_id = 'TALPHA'");
      expect(debates.rows.map((row) => row.topic)).toEqual(['Sur deux machines ?']);
      // No token Slack issued is in the database in clear.
      const tables = await client.query<{ name: string }>(
        "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'",
      );
      let dump = '';
      for (const { name } of tables.rows)
        dump += (await client.query(`SELECT t::text AS row FROM ${name} t`)).rows
          .map((r) => r.row)
          .join('\n');
      expect(dump).toContain('TALPHA');
      for (const token of slack.oauth.issued) expect(dump.includes(token)).toBe(false);
    } finally {
      await client.end();
    }
    for (const bot of [one, two]) expect(bot.child.stderr).not.toMatch(/"level":(50|60)/);
  });
});
