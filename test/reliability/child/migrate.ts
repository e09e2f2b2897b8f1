// Starts like the bot does (open the database, apply pending migrations), from a given
// migrations folder, then prints the schema version it reached.
// A migration may call `SELECT kill_point('name')`: with KILL_AT=name in the environment, the
// process says so on stdout and waits there, inside the migration's transaction, to be killed.
import { writeSync } from 'node:fs';
import { loadMigrations, migrate, schemaVersion } from '../../../src/store/sqlite/migrate.ts';
import { openDatabase } from '../../../src/store/sqlite/open-database.ts';

const [path, dir] = process.argv.slice(2);
const db = openDatabase(path!);
const asleep = new Int32Array(new SharedArrayBuffer(4));
db.function('kill_point', (name: unknown) => {
  if (name !== process.env.KILL_AT) return 0;
  writeSync(1, `at kill point ${String(name)}\n`);
  for (;;) Atomics.wait(asleep, 0, 0, 60_000);
});
const applied = migrate(db, loadMigrations(dir));
process.stdout.write(`applied [${applied.join(',')}] version ${schemaVersion(db)}\n`);
db.close();
