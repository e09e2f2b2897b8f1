// The thread of src/store/sqlite/reader.ts: its own connection to the bot's SQLite file, used for
// reads only. Plain JavaScript so that it starts without the TypeScript loader. Messages in:
// { id, statements: [{ sql, params }] }, then { id, next: true } for each further part; out:
// { id, parts: [[statement, [row, …]], …], done } (all statements read in one transaction, so
// they agree; at most PART rows a message) or { id, error }. Copying a message into the main
// thread takes its event loop: a read of 100,000 rows arrives in parts, one per turn of that loop.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const PART = 1000;
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

/** Reads whose rows are not all sent yet: where the next part starts. */
const unsent = new Map();

function sendPart(id) {
  const read = unsent.get(id);
  if (!read) return;
  const parts = [];
  let room = PART;
  while (read.statement < read.results.length) {
    const rows = read.results[read.statement];
    const taken = rows.slice(read.at, read.at + room);
    parts.push([read.statement, taken]);
    room -= taken.length;
    read.at += taken.length;
    if (read.at < rows.length) break;
    read.statement += 1;
    read.at = 0;
    if (room === 0) break;
  }
  const done = read.statement >= read.results.length;
  if (done) unsent.delete(id);
  parentPort.postMessage({ id, parts, done });
}

parentPort.on('message', ({ id, statements, next }) => {
  if (next) return sendPart(id);
  try {
    unsent.set(id, { results: readAll.deferred(statements), statement: 0, at: 0 });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  sendPart(id);
});
