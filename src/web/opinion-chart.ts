// "Opinion over time" as SVG, drawn on the server with the weekly chart's colours, font and
// escaping: one line per side (votes at the end of each day) and, under them, a bar per day for
// the changes of side. Wording comes in from the caller.
import type { VoteSide } from '../domain/types.ts';
import type { OpinionDay } from '../page/model.ts';
import { CHART_FONT_FAMILY } from '../summary/chart-font.ts';
import { COLOURS, escapeXml, MUTED } from '../summary/chart-svg.ts';

export interface OpinionChartText {
  title: string;
  /** The label of a day on the axis, e.g. "24 nov. 2026". */
  day: (date: string) => string;
  switches: string;
  /** A bar's tooltip: the day and its number of changes of side. */
  switchesOn: (date: string, count: number) => string;
}

const WIDTH = 560;
const LEFT = 44;
const RIGHT = 16;
const TOP = 16;
const LINES_H = 190;
const GAP = 44;
const BARS_H = 48;
const BOTTOM = 30;
const HEIGHT = TOP + LINES_H + GAP + BARS_H + BOTTOM;
const PLOT_W = WIDTH - LEFT - RIGHT;
const SWITCH_COLOUR = '#6a1b9a';
const SIDE_COLOURS: Record<VoteSide, string> = {
  pro: COLOURS.pour,
  con: COLOURS.contre,
  neutral: COLOURS.neutre,
};

/** A round step for about four grid lines up to `max`. */
function step(max: number): number {
  const raw = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return Math.max(1, Math.ceil(unit));
}

const label = (x: number, y: number, body: string, attrs: string) =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(body)}</text>`;

/** The chart as an inline SVG element; `days` has at least one entry. */
export function opinionChartSvg(days: readonly OpinionDay[], text: OpinionChartText): string {
  const n = days.length;
  const maxVotes = Math.max(1, ...days.map((d) => Math.max(d.counts.pro, d.counts.con, d.counts.neutral)));
  const yStep = step(maxVotes);
  const yMax = Math.ceil(maxVotes / yStep) * yStep;
  const x = (i: number) => LEFT + (n === 1 ? PLOT_W / 2 : (i * PLOT_W) / (n - 1));
  const y = (v: number) => TOP + LINES_H - (v / yMax) * LINES_H;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(text.title)}" font-family="${CHART_FONT_FAMILY}, sans-serif">`,
    `<title>${escapeXml(text.title)}</title>`,
  ];
  for (let v = 0; v <= yMax; v += yStep) {
    out.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e0e0e0"/>`,
      label(LEFT - 6, y(v) + 4, String(v), `font-size="12" fill="${MUTED}" text-anchor="end"`),
    );
  }
  for (const side of ['neutral', 'con', 'pro'] as const) {
    const colour = SIDE_COLOURS[side];
    if (n === 1) {
      out.push(`<circle cx="${x(0)}" cy="${y(days[0]!.counts[side]).toFixed(1)}" r="4" fill="${colour}"/>`);
      continue;
    }
    const points = days.map((d, i) => `${x(i).toFixed(1)},${y(d.counts[side]).toFixed(1)}`).join(' ');
    out.push(
      `<polyline class="line-${side}" points="${points}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round"/>`,
    );
  }
  // Changes of side per day, on their own scale.
  const barsTop = TOP + LINES_H + GAP;
  const maxSwitches = Math.max(...days.map((d) => d.switches));
  out.push(label(LEFT, barsTop - 8, text.switches, `font-size="12" fill="${MUTED}"`));
  out.push(
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${barsTop + BARS_H}" y2="${barsTop + BARS_H}" stroke="#bdbdbd"/>`,
  );
  const barW = Math.max(1, Math.min(18, (PLOT_W / n) * 0.7));
  days.forEach((d, i) => {
    if (d.switches === 0) return;
    const h = Math.max(2, (d.switches / maxSwitches) * BARS_H);
    out.push(
      `<rect class="switch" x="${(x(i) - barW / 2).toFixed(1)}" y="${(barsTop + BARS_H - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${SWITCH_COLOUR}"><title>${escapeXml(text.switchesOn(d.date, d.switches))}</title></rect>`,
    );
  });
  if (maxSwitches > 0)
    out.push(
      label(LEFT - 6, barsTop + 4, String(maxSwitches), `font-size="12" fill="${MUTED}" text-anchor="end"`),
    );
  // Day labels: the first, the last and up to three between.
  const ticks =
    n === 1 ? [0] : [...new Set([0, ...[1, 2, 3].map((k) => Math.round((k * (n - 1)) / 4)), n - 1])];
  const axisY = barsTop + BARS_H + 20;
  for (const i of ticks) {
    const anchor = n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
    out.push(
      label(x(i), axisY, text.day(days[i]!.date), `font-size="12" fill="${MUTED}" text-anchor="${anchor}"`),
    );
  }
  out.push('</svg>');
  return out.join('');
}
