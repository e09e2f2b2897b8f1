// The thread of src/store/sqlite-reader.ts: its own connection to the bot's SQLite file, used for
// reads only. Plain JavaScript so that it starts without the TypeScript loader. Messages in:
// { id, statements: [{ sql, params }] }; out: { id, rows: [[…], …] } (one list per statement,
// all read in one transaction, so they agree) or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true, timeout: 5000 });
db.pragma('query_only = ON');
const prepared = new Map();
const statement = (sql) => {
  let found = prepared.get(sql);
  if (!found) {
    found = db.prepare(sql);
    prepared.set(sql, found);
  }
  return found;
};
const readAll = db.transaction((statements) =>
  statements.map(({ sql, params }) =>
    params === undefined ? statement(sql).all() : statement(sql).all(params),
  ),
);

parentPort.on('message', ({ id, statements }) => {
  try {
    parentPort.postMessage({ id, rows: readAll.deferred(statements) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
