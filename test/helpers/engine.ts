import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { anonymityKey, keyFileOf } from '../../src/anonymity-secret.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { type Logger, silentLogger } from '../../src/domain/logger.ts';
import type { Invocation, Language, Platform } from '../../src/domain/types.ts';
import { DebateEngine } from '../../src/engine/engine.ts';
import { migrate } from '../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../src/store/sqlite/open-database.ts';
import { SqliteDebateStore } from '../../src/store/sqlite/store.ts';

export const DEFAULTS = {
  language: 'fr' as Language,
  timezone: 'Europe/Paris',
  summaryDay: 5,
  summaryTime: '16:00',
};

export interface TestBed {
  engine: DebateEngine;
  store: SqliteDebateStore;
  db: Database.Database;
  clock: ManualClock;
  dir: string;
  path: string;
  cleanup(): Promise<void>;
}

export interface EngineOptions {
  start?: Date;
  secret?: string;
  /** At most one edit per live scoreboard in this interval (the engine's default otherwise). */
  scoreboardIntervalMs?: number;
  /** What the engine tells the operator (nothing by default). */
  logger?: Logger;
}

/** The real engine on the SQLite file at `path` (migrated first), with a clock the test moves. */
export async function engineOnPath(path: string, options: EngineOptions = {}) {
  const db = openDatabase(path);
  migrate(db);
  const store = new SqliteDebateStore(db);
  const clock = new ManualClock(options.start ?? new Date('2026-11-24T10:00:00Z'));
  const engine = await DebateEngine.create({
    store,
    clock,
    logger: options.logger ?? silentLogger,
    defaults: DEFAULTS,
    // As `debat start` does: the given key, or the key file beside the database (a restart on the
    // same file keys everyone the same way).
    secret: options.secret ?? (await anonymityKey(store, { keyFile: keyFileOf(path) })),
    scoreboardIntervalMs: options.scoreboardIntervalMs,
  });
  return { engine, store, db, clock };
}

/** A real engine on a real SQLite file in a temporary folder. */
export async function testEngine(options: EngineOptions = {}): Promise<TestBed> {
  const dir = mkdtempSync(join(tmpdir(), 'debat-test-'));
  const path = join(dir, 'debat.sqlite');
  const { engine, store, db, clock } = await engineOnPath(path, options);
  return {
    engine,
    store,
    db,
    clock,
    dir,
    path,
    async cleanup() {
      await engine.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function person(
  id: string,
  options: {
    admin?: boolean;
    channel?: string;
    workspace?: string;
    platform?: Platform;
    locale?: Language;
    delivery?: string;
  } = {},
): Invocation {
  return {
    platform: options.platform ?? 'slack',
    workspaceId: options.workspace ?? 'T1',
    channelId: options.channel ?? 'C1',
    user: { id, name: `name-${id}`, isAdmin: options.admin ?? false },
    locale: options.locale,
    deliveryId: options.delivery,
  };
}
