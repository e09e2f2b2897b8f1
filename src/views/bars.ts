import type { Counts } from '../domain/records.ts';

/** A unicode proportion bar, e.g. `██████░░░░` for 60 %, in eighths for a smooth edge. */
export function proportionBar(fraction: number, width = 10): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const eighths = Math.round(clamped * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const partials = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const filled = '█'.repeat(full) + partials[partial];
  return filled + '░'.repeat(Math.max(0, width - [...filled].length));
}

export const totalVotes = (counts: Counts): number => counts.pro + counts.con + counts.neutral;

/** Whole percentages per side that add up to 100 (largest remainder). */
export function percentages(counts: Counts): Counts {
  const total = totalVotes(counts);
  if (total === 0) return { pro: 0, con: 0, neutral: 0 };
  const sides = ['pro', 'con', 'neutral'] as const;
  const raw = sides.map((side) => (counts[side] * 100) / total);
  const floors = raw.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = raw
    .map((value, index) => ({ index, rest: value - floors[index]! }))
    .sort((a, b) => b.rest - a.rest);
  for (const { index } of order) {
    if (left-- <= 0) break;
    floors[index]! += 1;
  }
  return { pro: floors[0]!, con: floors[1]!, neutral: floors[2]! };
}
