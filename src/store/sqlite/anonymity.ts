// What SQLite keeps of an anonymous debate's people and order (README, "Privacy"): rows rewritten
// in key order, so neither their place in the file nor the log's frames tell which came first;
// and, once the debate can no longer be reopened, every key replaced by a random one.
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.ts';
import { truncateWal } from './purge.ts';
import { statementCache } from './statement-cache.ts';

/** The tables holding an anonymous debate's people, each with its rows' order (the key's). */
const TABLES = [
  { table: 'votes', where: 'debate_id = ?', order: 'voter_key' },
  { table: 'vote_events', where: 'debate_id = ?', order: 'id' },
  {
    table: 'endorsements',
    where: 'argument_id IN (SELECT id FROM arguments WHERE debate_id = ?)',
    order: 'argument_id, endorser_key',
  },
] as const;

const RANDOM_KEY = 'lower(hex(randomblob(16)))';
/** A random negative id of 53 bits (a JavaScript number), never one of the counted-up ones. */
const RANDOM_ID = '-1 - (random() & 9007199254740991)';

/**
 * Rewrites one debate's rows in key order (inside a write transaction), through a temporary
 * copy. Vote events are written with the table's next ids, which count up; here each one not
 * yet renumbered gets a random negative id instead (the vote that points to it follows).
 */
function reorderRows(
  db: Database.Database,
  stmt: (sql: string) => Database.Statement,
  debateId: number,
): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS reorder_ids (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)');
  stmt(
    `INSERT INTO temp.reorder_ids SELECT id, ${RANDOM_ID} FROM vote_events WHERE debate_id = ? AND id > 0`,
  ).run(debateId);
  stmt(
    `UPDATE votes SET last_event = (SELECT new FROM temp.reorder_ids WHERE old = last_event)
       WHERE debate_id = ? AND last_event IN (SELECT old FROM temp.reorder_ids)`,
  ).run(debateId);
  stmt(
    'UPDATE vote_events SET id = (SELECT new FROM temp.reorder_ids WHERE old = id) WHERE id IN (SELECT old FROM temp.reorder_ids)',
  ).run();
  stmt('DELETE FROM temp.reorder_ids').run();
  for (const { table, where, order } of TABLES) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS reorder_${table} AS SELECT * FROM ${table} WHERE 0`);
    stmt(`INSERT INTO temp.reorder_${table} SELECT * FROM ${table} WHERE ${where}`).run(debateId);
    stmt(`DELETE FROM ${table} WHERE ${where}`).run(debateId);
    stmt(`INSERT INTO ${table} SELECT * FROM temp.reorder_${table} ORDER BY ${order}`).run();
    stmt(`DELETE FROM temp.reorder_${table}`).run();
  }
}

/**
 * A copy of the database (`debat backup`) holds no order either: every anonymous debate's rows
 * are rewritten in key order there, what they leave zeroed.
 */
export function reorderCopy(db: Database.Database): void {
  db.pragma('secure_delete = ON');
  const stmt = statementCache(db);
  db.transaction(() => {
    for (const { id } of stmt('SELECT id FROM debates WHERE anonymous = 1').all() as { id: number }[])
      reorderRows(db, stmt, id);
  }).immediate();
}

export class SqliteAnonymity {
  private readonly stmt: (sql: string) => Database.Statement;
  /** Anonymous debates written to since their rows were last put in key order. */
  private readonly written = new Set<number>();

  constructor(
    private readonly db: Database.Database,
    private readonly commits: GroupCommit,
  ) {
    this.stmt = statementCache(db);
  }

  /** A vote, an endorsement or a ∆ went to this anonymous debate: its rows are reordered at the next scrub. */
  wrote(debateId: number): void {
    this.written.add(debateId);
  }

  private reorder(debateId: number): void {
    reorderRows(this.db, this.stmt, debateId);
  }

  async scrubOrder(): Promise<number> {
    const ids = [...this.written];
    this.written.clear();
    if (ids.length === 0) return 0;
    await this.commits.write(() => {
      for (const id of ids) this.reorder(id);
    });
    // The log's frames would still say in which order the pages changed.
    truncateWal(this.db);
    return ids.length;
  }

  async unlinkEnded(before: number): Promise<number[]> {
    const ids = await this.commits.write(() => {
      const due = (
        this.stmt(
          `SELECT id FROM debates WHERE anonymous = 1 AND unlinked = 0 AND status = 'closed' AND closed_at < ?`,
        ).all(before) as { id: number }[]
      ).map((row) => row.id);
      for (const id of due) {
        this.stmt('UPDATE debates SET opener_key = NULL, unlinked = 1 WHERE id = ?').run(id);
        this.stmt('UPDATE arguments SET author_key = NULL WHERE debate_id = ?').run(id);
        this.stmt(`UPDATE votes SET voter_key = ${RANDOM_KEY} WHERE debate_id = ?`).run(id);
        this.stmt(`UPDATE vote_events SET voter_key = ${RANDOM_KEY} WHERE debate_id = ?`).run(id);
        this.stmt(
          `UPDATE endorsements SET endorser_key = ${RANDOM_KEY}
           WHERE argument_id IN (SELECT id FROM arguments WHERE debate_id = ?)`,
        ).run(id);
        this.reorder(id);
        this.written.delete(id);
      }
      return due;
    });
    if (ids.length > 0) truncateWal(this.db);
    return ids;
  }
}
