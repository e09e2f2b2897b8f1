// `debat forget-workspace T…` as an operator runs it: a real child process on a real SQLite file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealInstallation } from '../../src/installations/sealed.ts';
import { Sealer } from '../../src/secrets/sealer.ts';
import type { DebateStore } from '../../src/store/ports/debate-store.ts';
import type { InstallationStore } from '../../src/store/ports/installations.ts';
import { PostgresInstallationStore } from '../../src/store/postgres/installation-store.ts';
import { PostgresDebateStore } from '../../src/store/postgres/store.ts';
import { SqliteInstallationStore } from '../../src/store/sqlite/installation-store.ts';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';
import { migratedTestDatabase } from '../postgres/databases.ts';
import { debat } from './run.ts';

/** Two workspaces, each with a debate and an installation. */
async function seed(debates: DebateStore, installations: InstallationStore): Promise<void> {
  const sealer = new Sealer(randomBytes(32));
  for (const [team, topic] of [
    ['TALPHA', 'Semaine de quatre jours ?'],
    ['TBETA', 'Bureau sans papier ?'],
  ] as const) {
    await debates.openDebate({
      scope: { platform: 'slack', workspaceId: team, channelId: 'C1' },
      uid: `uid-${team}`,
      topic,
      openerKey: 'U1',
      openerName: 'Ana',
      anonymous: false,
      hidden: false,
      at: 1000,
      closesAt: null,
    });
    await installations.saveInstallation({
      platform: 'slack',
      key: team,
      enterpriseId: null,
      teamId: team,
      sealed: sealInstallation(sealer, 'slack', team, { bot: { token: `xoxb-${team}` } }),
      expiresAt: null,
      at: 1000,
    });
  }
}

let dir: string;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'debat-forget-'));
  path = join(dir, 'debat.sqlite');
  const db = openDatabase(path);
  migrate(db);
  await seed(new SqliteDebateStore(db), new SqliteInstallationStore(db));
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => debat(args, { cwd: dir, env: { DEBAT_DB_PATH: path } });

describe('debat forget-workspace', () => {
  it('erases one workspace’s tokens and debates at once, and leaves the others', async () => {
    const ran = await run(['forget-workspace', 'TALPHA']);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('Slack workspace TALPHA forgotten: its tokens and 1 debate(s) erased\n');
    expect(ran.code).toBe(0);
    const db = openDatabase(path);
    try {
      const debates = new SqliteDebateStore(db);
      const installations = new SqliteInstallationStore(db);
      expect(await debates.findDebate({ platform: 'slack', workspaceId: 'TALPHA' }, 1)).toBeUndefined();
      expect(await installations.installation({ platform: 'slack', key: 'TALPHA' })).toBeUndefined();
      expect((await debates.findDebate({ platform: 'slack', workspaceId: 'TBETA' }, 1))?.topic).toBe(
        'Bureau sans papier ?',
      );
      expect(await installations.installation({ platform: 'slack', key: 'TBETA' })).toBeDefined();
    } finally {
      db.close();
    }
  });

  it('says which workspace it needs in one line and the usage', async () => {
    const ran = await run(['forget-workspace', 'alpha']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      'Which Slack workspace: its team id, e.g. T0123ABCD\nUsage: debat forget-workspace <Slack team id, T…>\n',
    );
    const none = await run(['forget-workspace']);
    expect(none.code).toBe(2);
  });
});

describe('debat forget-workspace on PostgreSQL', () => {
  it('erases the workspace in the database DATABASE_URL names', async () => {
    const database = await migratedTestDatabase(2);
    try {
      const debates = new PostgresDebateStore(database.pool);
      await seed(debates, new PostgresInstallationStore(debates.db));
      const ran = await debat(['forget-workspace', 'TBETA'], {
        cwd: dir,
        env: { DATABASE_URL: database.url },
      });
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toBe('Slack workspace TBETA forgotten: its tokens and 1 debate(s) erased\n');
      const installations = new PostgresInstallationStore(debates.db);
      expect(await debates.findDebate({ platform: 'slack', workspaceId: 'TBETA' }, 1)).toBeUndefined();
      expect(await installations.installation({ platform: 'slack', key: 'TBETA' })).toBeUndefined();
      expect(await debates.findDebate({ platform: 'slack', workspaceId: 'TALPHA' }, 1)).toBeDefined();
      await debates.close();
    } finally {
      await database.dispose();
    }
  });
});
