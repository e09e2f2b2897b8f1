// Cores of their own for the bot and for what stands for other machines. On 2 shared cores the
// load generators' and stand-ins' work otherwise stands between the bot and the clicks it
// measures: a client's p99 then says more about the client's wait for a core than about the bot.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// Read once, before any pinning: afterwards it counts the cores this process is pinned to.
const cores = availableParallelism();

/** Core 0 for the bot's process, the others for the rest; undefined where that cannot be had. */
export const split =
  hasTaskset && cores >= 2 ? { bot: '0', elsewhere: `1-${cores - 1}`, all: `0-${cores - 1}` } : undefined;

/** Every thread of a process (threads made later inherit their maker's cores). */
function pin(pid: number, cores: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
}

const parentOf = (pid: string): number | undefined => {
  try {
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
};

/**
 * This process on the bot's core; a no-op without a split. Returns what gives every thread all
 * cores back (`npm run bench` runs the next benchmarks in the same process).
 */
export function pinBot(): () => void {
  if (!split) return () => {};
  pin(process.pid, split.bot);
  const { all } = split;
  return () => pin(process.pid, all);
}

/** All of this process's descendants (stand-ins, database server) on the other cores. */
export function pinDescendants(): void {
  if (!split) return;
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(entry);
    if (parent !== undefined) parents.set(Number(entry), parent);
  }
  const ours = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents)
      if (!ours.has(pid) && ours.has(parent)) {
        ours.add(pid);
        grew = true;
      }
  }
  ours.delete(process.pid);
  for (const pid of ours) {
    try {
      pin(pid, split.elsewhere);
    } catch {
      // Ended meanwhile.
    }
  }
}

/** The command and arguments that start `file args` on the other cores. */
export function elsewhereCommand(file: string, args: string[]): [string, string[]] {
  return split ? ['taskset', ['-c', split.elsewhere, file, ...args]] : [file, args];
}
