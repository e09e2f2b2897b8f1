// The thread of src/store/sqlite/reader.ts: its own connection to the bot's SQLite file, used for
// reads only. Plain JavaScript so that it starts without the TypeScript loader. Messages in:
// { id, statements: [{ sql, params }] }, then { id, next: true } for each further part; out:
// { id, columns, parts: [[statement, [row, …]], …], done } (all statements read in one
// transaction, so they agree; at most PART rows a message; rows as arrays, in the order of each
// statement's `columns`, sent with the first part) or { id, error }. Copying a message into the
// main thread takes its event loop: a read of 100,000 rows arrives in parts, one per turn of that
// loop. Arrays because better-sqlite3 builds a row object several times slower than JavaScript
// does: the main thread names the columns itself.
import '../../background-thread.mjs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

// Measured: the main thread takes about 1.3 ms to check and name 5,000 argument rows; each part
// also costs a round trip between the threads, which on a busy machine made a pass over 1,000-row
// parts a fifth slower.
const PART = 5000;
const db = new Database(workerData.file, { fileMustExist: true, timeout: 5000 });
db.pragma('query_only = ON');

// The log's checkpoints, when this thread takes them over from the connection that writes: there
// each one (a thousand pages copied and synced, tens of milliseconds) held the event loop inside
// whichever commit crossed the limit. PASSIVE never waits for a lock and never blocks a writer.
if (workerData.checkpointEveryMs) {
  setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or closing: the next round tries again.
    }
  }, workerData.checkpointEveryMs);
}
const prepared = new Map();
const statement = (sql) => {
  let found = prepared.get(sql);
  if (!found) {
    const raw = db.prepare(sql).raw(true);
    found = { raw, columns: raw.columns().map((column) => column.name) };
    prepared.set(sql, found);
  }
  return found;
};
const readAll = db.transaction((statements) =>
  statements.map(({ sql, params }) => {
    const { raw } = statement(sql);
    return params === undefined ? raw.all() : raw.all(params);
  }),
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
  const columns = read.columns;
  read.columns = undefined;
  parentPort.postMessage(columns ? { id, columns, parts, done } : { id, parts, done });
  if (done) startQueued();
}

/**
 * Reads asked while another is being sent wait until it is: the main thread's request for the
 * next part is then never held behind a new read's statements, and the new read runs while the
 * main thread uses the rows just sent.
 */
const queued = [];

function startQueued() {
  while (unsent.size === 0 && queued.length > 0) start(queued.shift());
}

function start({ id, statements }) {
  try {
    const results = readAll.deferred(statements);
    const columns = statements.map(({ sql }) => statement(sql).columns);
    unsent.set(id, { results, columns, statement: 0, at: 0 });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  sendPart(id);
}

parentPort.on('message', (message) => {
  if (message.next) return sendPart(message.id);
  if (unsent.size > 0) return queued.push(message);
  start(message);
});
