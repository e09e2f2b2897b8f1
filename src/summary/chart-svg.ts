// The weekly summary chart as SVG: one row per debate, a 100% stacked bar of the votes per side,
// and per side the count with its shift since the last summary. Platform-neutral; all wording
// comes in through the model (i18n is done by the caller). The layout is fixed-width and the
// height follows the number of rows, so the picture's size is known in advance (chartSize).

import { xmlSafe } from '../commands/user-text.ts';
import type { Language } from '../domain/types.ts';
import { formatCount, formatPercent } from '../views/format.ts';
import { CHART_FONT_FAMILY } from './chart-font.ts';

export type Side = 'pour' | 'contre' | 'neutre';
export const SIDES: readonly Side[] = ['pour', 'contre', 'neutre'];
export type SideCounts = Readonly<Record<Side, number>>;

export interface ChartRow {
  /** "n° 12 · Faut-il …", numbered as in the text: user text, escaped here, shortened to fit. */
  readonly label: string;
  /** null when results are hidden (--masque while open, a blind first round). */
  readonly counts: SideCounts | null;
  /** Shown in place of the bar when `counts` is null: until when they are hidden. */
  readonly hidden?: string;
  /** Change since the last summary's snapshot; null when there is none (new debate). */
  readonly shift: SideCounts | null;
  readonly closed: boolean;
}

export interface ChartText {
  /** How numbers and percentages are written ("67 %", "67%"). */
  readonly language: Language;
  readonly title: string;
  /** What the figures on the right are, shown above them next to the side names. */
  readonly caption?: string;
  readonly sides: Readonly<Record<Side, string>>;
  /** Appended to the label of a debate closed this week, e.g. "(clos)". */
  readonly closed: string;
  /** Shown in place of the bar when nobody has voted. */
  readonly noVotes: string;
  /** "…et 3 autres" when rows were left off; receives the number left off. */
  readonly more: (n: number) => string;
}

export interface ChartModel {
  readonly text: ChartText;
  readonly rows: readonly ChartRow[];
  /** Rows already left off upstream, added to the "…and N more" line. */
  readonly omitted?: number;
}

export const CHART_WIDTH = 800;
export const CHART_MAX_ROWS = 10;
const PAD = 20;
const TITLE_H = 44;
const LEGEND_H = 28;
const ROW_H = 58;
const MORE_H = 28;
const BAR_W = 500;
const BAR_H = 22;
const LABEL_MAX = 78;
/** The sides' colours, shared by every chart (the weekly one, the debate page's). */
export const COLOURS: Readonly<Record<Side, string>> = {
  pour: '#2e7d32',
  contre: '#c62828',
  neutre: '#9e9e9e',
};
export const MUTED = '#5f6368';

/** Width and height in pixels of the chart drawn for `rowCount` debates (+ `omitted` left off upstream). */
export function chartSize(rowCount: number, omitted = 0): { width: number; height: number } {
  const shown = Math.min(rowCount, CHART_MAX_ROWS);
  const more = rowCount > CHART_MAX_ROWS || omitted > 0 ? MORE_H : 0;
  return { width: CHART_WIDTH, height: PAD + TITLE_H + LEGEND_H + shown * ROW_H + more + PAD };
}

/**
 * Escapes text for an SVG text node or attribute. A topic stored before noncharacters were
 * removed at input would make resvg refuse the whole chart: such characters are dropped here too.
 */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** "+3", "−2" (minus sign), "±0". */
export function formatShift(n: number): string {
  if (n > 0) return `+${n}`;
  if (n < 0) return `−${-n}`;
  return '±0';
}

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(body)}</text>`;
}

function bar(row: ChartRow, y: number, t: ChartText): string[] {
  const out = [`<rect x="${PAD}" y="${y}" width="${BAR_W}" height="${BAR_H}" rx="4" fill="#eceff1"/>`];
  const mid = y + BAR_H / 2 + 5;
  if (row.counts === null) {
    out.push(text(PAD + 10, mid, row.hidden ?? '', `font-size="13" fill="${MUTED}"`));
    return out;
  }
  const counts = row.counts;
  const total = SIDES.reduce((s, k) => s + counts[k], 0);
  if (total === 0) {
    out.push(text(PAD + 10, mid, t.noVotes, `font-size="13" fill="${MUTED}"`));
    return out;
  }
  let x = PAD;
  for (const side of SIDES) {
    const w = (counts[side] / total) * BAR_W;
    if (w <= 0) continue;
    out.push(
      `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${COLOURS[side]}"/>`,
    );
    const pct = formatPercent(Math.round((counts[side] / total) * 100), t.language);
    if (w >= 44) out.push(text(x + 6, mid, pct, 'font-size="12" fill="#ffffff" font-weight="bold"'));
    x += w;
  }
  return out;
}

const FIGURES_X = PAD + BAR_W + 16;
const FIGURES_W = (CHART_WIDTH - 2 * PAD - BAR_W - 16) / 3;

function figures(row: ChartRow, y: number, t: ChartText): string[] {
  const out: string[] = [];
  SIDES.forEach((side, i) => {
    const x = FIGURES_X + i * FIGURES_W;
    const count = row.counts === null ? '—' : formatCount(row.counts[side], t.language);
    const shift = row.counts === null || row.shift === null ? '' : ` (${formatShift(row.shift[side])})`;
    out.push(text(x, y + BAR_H / 2 + 5, `${count}${shift}`, `font-size="13" fill="${COLOURS[side]}"`));
  });
  return out;
}

/** The chart as an SVG document. */
export function chartSvg(model: ChartModel): string {
  const { width, height } = chartSize(model.rows.length, model.omitted);
  const t = model.text;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(PAD, PAD + 24, shorten(t.title, 70), 'font-size="20" font-weight="bold" fill="#202124"'),
  ];
  // The sides' colours head the columns of figures; the caption says what the figures are.
  const legendY = PAD + TITLE_H + 14;
  if (t.caption) out.push(text(PAD, legendY, shorten(t.caption, 70), `font-size="12" fill="${MUTED}"`));
  SIDES.forEach((side, i) => {
    const x = FIGURES_X + i * FIGURES_W;
    out.push(`<rect x="${x}" y="${legendY - 11}" width="12" height="12" rx="2" fill="${COLOURS[side]}"/>`);
    out.push(text(x + 18, legendY, t.sides[side], `font-size="13" fill="${MUTED}"`));
  });
  const shown = model.rows.slice(0, CHART_MAX_ROWS);
  shown.forEach((row, i) => {
    const top = PAD + TITLE_H + LEGEND_H + i * ROW_H;
    const label = row.closed
      ? `${shorten(row.label, LABEL_MAX - t.closed.length - 1)} ${t.closed}`
      : row.label;
    out.push(text(PAD, top + 16, shorten(label, LABEL_MAX), 'font-size="15" fill="#202124"'));
    out.push(...bar(row, top + 24, t));
    out.push(...figures(row, top + 24, t));
  });
  const left = model.rows.length - shown.length + (model.omitted ?? 0);
  if (left > 0) {
    const y = PAD + TITLE_H + LEGEND_H + shown.length * ROW_H + 18;
    out.push(text(PAD, y, t.more(left), `font-size="13" fill="${MUTED}"`));
  }
  out.push('</svg>');
  return out.join('\n');
}
