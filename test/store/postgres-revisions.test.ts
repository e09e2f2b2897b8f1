// A debate's revision on PostgreSQL moves once per statement that writes its rows: a statement
// writing thousands of one debate's rows (a copy, the unlink of an anonymous debate) makes one
// update of the revision, not one per row, each stepping over the row versions of the last.
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { openPool } from '../../src/store/postgres/pool.ts';
import { createTestDatabase } from '../postgres/databases.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function migrated(): Promise<pg.Pool> {
  const made = await createTestDatabase();
  const pool = await openPool({ url: made.url, poolSize: 2 });
  cleanups.push(async () => {
    await pool.end();
    await made.drop();
  });
  await migratePostgres(pool);
  return pool;
}

const openDebate = (pool: pg.Pool, number: number) =>
  pool.query(
    `INSERT INTO debates (uid, platform, workspace_id, channel_id, number, topic, opener_key, opener_name,
       anonymous, hidden, status, opened_at, next_argument)
     VALUES (gen_random_uuid(), 'slack', 'W', 'C', $1, 'Sujet', 'o', 'o', false, false, 'open', 1, 3)`,
    [number],
  );

describe('debate revisions on PostgreSQL', () => {
  it('move once for a statement writing 2,000 rows of a debate, and only for that debate', async () => {
    const pool = await migrated();
    await openDebate(pool, 1);
    await openDebate(pool, 2);
    const revision = async (id: number) =>
      Number(
        (await pool.query('SELECT revision FROM debate_revisions WHERE debate_id = $1', [id])).rows[0]
          .revision,
      );
    const steps: [string, string][] = [
      [
        'two arguments',
        `INSERT INTO arguments (debate_id, number, side, text, author_key, author_name, created_at)
         VALUES (1, 1, 'pro', 'A', 'a', 'a', 1), (1, 2, 'con', 'B', 'b', 'b', 1)`,
      ],
      [
        '2,000 votes',
        `INSERT INTO votes (debate_id, voter_key, voter_name, side, voted_at)
         SELECT 1, 'u' || i, NULL, 'pro', 1 FROM generate_series(1, 2000) i`,
      ],
      [
        '2,000 vote events',
        `INSERT INTO vote_events (debate_id, voter_key, old_side, new_side, at)
         SELECT 1, 'u' || i, NULL, 'pro', 1 FROM generate_series(1, 2000) i`,
      ],
      [
        '2,000 endorsements',
        `INSERT INTO endorsements (argument_id, endorser_key, at)
         SELECT (SELECT id FROM arguments WHERE debate_id = 1 AND number = 1), 'u' || i, 1 FROM generate_series(1, 2000) i`,
      ],
      ['every vote changed', `UPDATE votes SET side = 'con' WHERE debate_id = 1`],
      ['every endorser renamed', `UPDATE endorsements SET endorser_key = endorser_key || '!'`],
      ['every endorsement removed', 'DELETE FROM endorsements'],
      ['every vote removed', 'DELETE FROM votes WHERE debate_id = 1'],
    ];
    const otherBefore = await revision(2);
    for (const [what, sql] of steps) {
      const before = await revision(1);
      await pool.query(sql);
      expect(await revision(1), what).toBe(before + 1);
    }
    // A statement that writes nothing moves nothing.
    const before = await revision(1);
    await pool.query(`UPDATE votes SET side = 'pro' WHERE debate_id = 1`);
    expect(await revision(1)).toBe(before);
    expect(await revision(2)).toBe(otherBefore);
  });
});
