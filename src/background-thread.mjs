// Imported first by the bot's own threads (SQLite reads and checkpoints, chart rendering). Where
// one of them and the event loop want the same core (a one-core host, a busy machine), the event
// loop gets about nine tenths of it: clicks are acknowledged first, reads and charts wait. On
// Linux a thread's priority is its own; elsewhere it would be the whole process's, so it is left.
import { getPriority, setPriority } from 'node:os';

/** How far below the event loop's priority (the nice value this thread started with) it goes. */
const BELOW_EVENT_LOOP = 10;

if (process.platform === 'linux') {
  try {
    setPriority(0, Math.min(19, getPriority(0) + BELOW_EVENT_LOOP));
  } catch {
    // Not allowed here: the thread keeps the process's priority.
  }
}
