// What `debat …` was asked: a command and its arguments, the usage, the version, or a mistake.
// It imports nothing heavy: `debat --help` answers before the bot's modules are loaded.
import { readFileSync } from 'node:fs';

const CHANNEL = '--channel <platform:workspace:channel | terminal channel>';
export const EXPORT_USAGE = `debat export ${CHANNEL} [--debate N] [--format md|csv] [--out FILE]`;
export const SUMMARY_USAGE = `debat summary ${CHANNEL} [--at <ISO time>] [--dry-run] [--png FILE]`;
export const REGISTER_USAGE = 'debat discord-register [--guild ID]';
export const COPY_TO_USAGE = 'debat copy-to --database-url postgres://user:password@host:5432/debat';
export const FORGET_WORKSPACE_USAGE = 'debat forget-workspace <Slack team id, T…>';

export const USAGE = `Usage: debat [command] [options]

Commands:
  start        run the bot (the default; the terminal when no platform token is set)
  migrate      apply pending database migrations (PostgreSQL when DATABASE_URL is set) and exit
  backup <file>  copy the database to a new file, also while the bot runs
  copy-to      copy the SQLite database into an empty PostgreSQL one and compare every table
               (stop the bot first): ${COPY_TO_USAGE}
  export       a debate as a Markdown or CSV file:
               ${EXPORT_USAGE}
  summary      a channel's weekly summary at a given moment, and its chart:
               ${SUMMARY_USAGE}
  discord-register  register /debat on Discord (in one server to try it; everywhere otherwise):
               ${REGISTER_USAGE}
  forget-workspace  erase a Slack workspace now: its tokens, debates, settings and summaries:
               ${FORGET_WORKSPACE_USAGE}
  help         this help (also --help, -h)
  version      the version (also --version, -v)

Configuration comes from the environment (see .env.example).`;

export type CommandLine =
  | { kind: 'run'; command: Command; args: string[] }
  | { kind: 'usage' }
  | { kind: 'version' }
  | { kind: 'mistake'; message: string };

const COMMANDS = [
  'start',
  'migrate',
  'backup',
  'copy-to',
  'export',
  'summary',
  'discord-register',
  'forget-workspace',
] as const;
type Command = (typeof COMMANDS)[number];
/** How many plain arguments each command takes; options are read by the commands that have any. */
const ARGUMENTS: Record<Command, { positionals: number; options: boolean }> = {
  start: { positionals: 0, options: false },
  migrate: { positionals: 0, options: false },
  backup: { positionals: 1, options: false },
  'copy-to': { positionals: 0, options: true },
  export: { positionals: 0, options: true },
  summary: { positionals: 0, options: true },
  'discord-register': { positionals: 0, options: true },
  'forget-workspace': { positionals: 1, options: false },
};
const HELP = new Set(['help', '--help', '-h']);
const VERSION = new Set(['version', '--version', '-v', '-V']);

/** Reads the command line; nothing here starts the bot or reads the environment. */
export function readCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'run', command: 'start', args: [] };
  if (HELP.has(first)) return { kind: 'usage' };
  if (VERSION.has(first)) return { kind: 'version' };
  if (first.startsWith('-')) return { kind: 'mistake', message: `Unknown option "${first}".` };
  const command = COMMANDS.find((name) => name === first);
  if (!command) return { kind: 'mistake', message: `Unknown command "${first}".` };
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'usage' };
  const shape = ARGUMENTS[command];
  if (!shape.options) {
    const option = rest.find((arg) => arg.startsWith('-') && arg !== '-');
    if (option) return { kind: 'mistake', message: `Unknown option "${option}" for "${command}".` };
    if (rest.length > shape.positionals)
      return {
        kind: 'mistake',
        message: `Unexpected argument "${rest[shape.positionals]}" for "${command}".`,
      };
  }
  return { kind: 'run', command, args: rest };
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `debat ${pkg.version}`;
}

/**
 * Answers the usage, the version or a mistake, and returns true; returns false when a command is
 * to run (the caller then loads it).
 */
export function answerWithoutRunning(argv: readonly string[]): boolean {
  const line = readCommandLine(argv);
  if (line.kind === 'run') return false;
  if (line.kind === 'usage') process.stdout.write(`${USAGE}\n`);
  else if (line.kind === 'version') process.stdout.write(`${version()}\n`);
  else {
    process.stderr.write(`${line.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  }
  return true;
}
