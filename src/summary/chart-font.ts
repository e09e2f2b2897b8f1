// The font the summary chart is drawn with, shipped in the `dejavu-fonts-ttf` package, so that
// the chart's text renders on a server that has no system fonts at all.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CHART_FONT_FAMILY = 'DejaVu Sans';

let cached: readonly string[] | undefined;

/** Absolute paths of the DejaVu Sans regular and bold TrueType files. */
export function chartFontFiles(): readonly string[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const files = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(dir, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`chart font missing: ${missing.join(', ')} (is dejavu-fonts-ttf installed?)`);
  }
  cached = files;
  return files;
}
