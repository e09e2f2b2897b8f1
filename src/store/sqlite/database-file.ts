import { accessSync, closeSync, constants, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** The database file cannot be used; `problem` is one sentence an operator can act on. */
export class DatabaseFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(problem);
    this.name = 'DatabaseFileError';
  }
}

const errnoOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** What an operating-system refusal means, in a few words. */
function refusal(error: unknown): string {
  switch (errnoOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the device';
    case 'ENOENT':
      return 'the system does not allow it there';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The path's kind, or undefined if nothing is there; a file in the way of a folder counts as missing. */
function kindOf(path: string): 'file' | 'folder' | 'other' | undefined {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return undefined;
    throw new DatabaseFileError(path, `cannot look at ${path} (${refusal(error)})`);
  }
}

/**
 * Makes sure `path` can be a SQLite file before SQLite opens it: its folders are created one at a
 * time after checking the nearest existing one is a folder (Node's recursive mkdir loops forever
 * under /proc), and a new file is created here, so a refusal gets its real reason instead of
 * SQLite's "unable to open database file".
 */
export function prepareDatabaseFile(path: string): void {
  const kind = kindOf(path);
  if (kind === 'folder')
    throw new DatabaseFileError(
      path,
      `${path} is a folder; give a file path, e.g. ${path.replace(/\/+$/u, '')}/debat.sqlite`,
    );
  if (kind === 'other') throw new DatabaseFileError(path, `${path} is not a regular file`);
  if (kind === 'file') {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
      accessSync(dirname(path), constants.W_OK);
    } catch (error) {
      throw new DatabaseFileError(path, `${path} cannot be written (${refusal(error)})`);
    }
    return;
  }
  const missing: string[] = [];
  let folder = dirname(path);
  for (let kindHere = kindOf(folder); kindHere === undefined; kindHere = kindOf(folder)) {
    missing.unshift(folder);
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  if (kindOf(folder) !== 'folder')
    throw new DatabaseFileError(path, `${folder} is a file, not a folder, so ${path} cannot be created`);
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      if (errnoOf(error) === 'EEXIST' && kindOf(level) === 'folder') continue;
      throw new DatabaseFileError(path, `cannot create the folder ${level} (${refusal(error)})`);
    }
  }
  try {
    closeSync(openSync(path, 'wx'));
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return;
    throw new DatabaseFileError(path, `cannot create ${path} (${refusal(error)})`);
  }
}

/** SQLite's refusal to use a file, as a sentence. */
export function databaseProblem(path: string, error: unknown): DatabaseFileError | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return new DatabaseFileError(path, `${path} is not a SQLite database (or it is damaged)`);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return new DatabaseFileError(path, `${path} cannot be opened for writing (${code})`);
  if (code === 'SQLITE_FULL') return new DatabaseFileError(path, `no space left for ${path}`);
  if (code.startsWith('SQLITE_IOERR'))
    return new DatabaseFileError(
      path,
      `${path} cannot be read or written (${code}); is it on a regular disk?`,
    );
  return undefined;
}
