import { closeSync, openSync, writeSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { ExportView } from '../../src/views/types.ts';

/**
 * Writes an export as a file in `folder` and returns its absolute path. An existing file is never
 * replaced: `debat-1.md`, then `debat-1-2.md`, `debat-1-3.md`…
 */
export function writeExportFile(view: ExportView, folder: string): string {
  const extension = extname(view.filename);
  const stem = basename(view.filename, extension);
  for (let copy = 1; ; copy++) {
    const path = resolve(join(folder, copy === 1 ? view.filename : `${stem}-${copy}${extension}`));
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && copy < 1000) continue;
      throw error;
    }
    try {
      writeSync(fd, view.content);
    } finally {
      closeSync(fd);
    }
    return path;
  }
}

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
