// Imported first by the bot's own threads (SQLite reads and checkpoints, chart rendering). Where
// one of them and the event loop want the same core (a one-core host, a busy machine), the event
// loop gets about nine tenths of it: clicks are acknowledged first, reads and charts wait. On
// Linux a thread's priority is its own; elsewhere it would be the whole process's, so it is left.
import { setPriority } from 'node:os';

/** The background threads' nice value, against the event loop's 0. */
const BACKGROUND_NICE = 10;

if (process.platform === 'linux') {
  try {
    setPriority(0, BACKGROUND_NICE);
  } catch {
    // Not allowed here: the thread keeps the process's priority.
  }
}
