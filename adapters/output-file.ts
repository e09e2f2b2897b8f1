// A file an operator named on the command line (--out, --png): written, replaced if it exists.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type FileProblem = 'denied' | 'no_space' | 'missing' | 'not_folder' | 'other';

/** What went wrong writing a file, in a few words a person can act on. */
export function fileProblem(error: unknown): FileProblem {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'denied';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no_space';
    case 'ENOENT':
      return 'missing';
    case 'ENOTDIR':
    case 'EISDIR':
      return 'not_folder';
    default:
      return 'other';
  }
}

/** The same, in English, for the operator's command line. */
export const FILE_PROBLEMS: Record<FileProblem, string> = {
  denied: 'permission denied (or a read-only file system)',
  no_space: 'no space left on the device',
  missing: 'its folder does not exist',
  not_folder: 'a part of the path is a file, not a folder, or the path is a folder',
  other: 'the system refused to write it',
};

/** Writes `data` to `path`; a refusal comes back as a sentence, not a stack. */
export function writeOutputFile(
  path: string,
  data: string | Uint8Array,
): { ok: true; path: string } | { ok: false; problem: string } {
  const absolute = resolve(path);
  try {
    writeFileSync(absolute, data);
    return { ok: true, path: absolute };
  } catch (error) {
    return { ok: false, problem: `cannot write ${absolute}: ${FILE_PROBLEMS[fileProblem(error)]}` };
  }
}
