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
