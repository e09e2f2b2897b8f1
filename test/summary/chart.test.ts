import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FAMILY, chartFontFiles } from '../../src/summary/chart-font.ts';
import { renderChartPng, renderChartPngAsync, renderSvgToPng } from '../../src/summary/chart-png.ts';
import {
  CHART_MAX_ROWS,
  CHART_WIDTH,
  type ChartModel,
  type ChartRow,
  chartSize,
  chartSvg,
  escapeXml,
  formatShift,
} from '../../src/summary/chart-svg.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngHeader(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.readUInt32BE(8)).toBe(13); // IHDR length
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const text: ChartModel['text'] = {
  language: 'fr',
  title: 'Bilan de la semaine — #général',
  sides: { pour: 'Pour', contre: 'Contre', neutre: 'Neutre' },
  closed: '(clos)',
  noVotes: 'aucun vote',
  more: (n) => `…et ${n} autres`,
};

const row = (i: number, over: Partial<ChartRow> = {}): ChartRow => ({
  label: `#${i} Faut-il mêler vie perso et vie pro sur Twitter ?`,
  counts: { pour: 5 + i, contre: 3, neutre: 1 },
  shift: { pour: 2, contre: -1, neutre: 0 },
  closed: false,
  ...over,
});

describe('summary chart', () => {
  it('sizes: fixed width, height by row count, capped', () => {
    expect(chartSize(1)).toEqual({ width: CHART_WIDTH, height: 20 + 44 + 28 + 58 + 20 });
    expect(chartSize(3).height).toBe(20 + 44 + 28 + 3 * 58 + 20);
    expect(chartSize(CHART_MAX_ROWS + 5).height).toBe(20 + 44 + 28 + CHART_MAX_ROWS * 58 + 28 + 20);
  });

  it('renders a PNG that decodes to the expected size', () => {
    const model: ChartModel = {
      text,
      rows: [
        row(1),
        row(2, { counts: null, shift: null }),
        row(3, { closed: true }),
        row(4, { counts: { pour: 0, contre: 0, neutre: 0 }, shift: null }),
      ],
    };
    const png = renderChartPng(model);
    expect(pngHeader(png)).toEqual(chartSize(4));
    // And resvg itself reads it back.
    const back = new Resvg(chartSvg(model), { font: { loadSystemFonts: false } }).render();
    expect([back.width, back.height]).toEqual([chartSize(4).width, chartSize(4).height]);
  });

  it('renders a long week with the "more" line', () => {
    const rows = Array.from({ length: 14 }, (_, i) => row(i + 1));
    const svg = chartSvg({ text, rows });
    expect(svg).toContain('…et 4 autres');
    expect(pngHeader(renderChartPng({ text, rows }))).toEqual(chartSize(14));
  });

  it('draws text with the shipped DejaVu font, with system fonts off', () => {
    expect(chartFontFiles().every((f) => f.includes('dejavu-fonts-ttf'))).toBe(true);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="${CHART_FONT_FAMILY}" font-size="24">Débat ∆</text></svg>`;
    const ink = (fonts: boolean) =>
      new Resvg(svg, {
        font: fonts
          ? { loadSystemFonts: false, fontFiles: [...chartFontFiles()], defaultFontFamily: CHART_FONT_FAMILY }
          : { loadSystemFonts: false },
      })
        .render()
        .pixels.reduce((n, byte, i) => (i % 4 === 3 && byte > 0 ? n + 1 : n), 0);
    expect(ink(true)).toBeGreaterThan(100);
    expect(ink(false)).toBe(0); // no font, no text: proves the ink above comes from DejaVu
    expect(pngHeader(renderSvgToPng(svg))).toEqual({ width: 200, height: 40 });
  });

  it('escapes user text (no markup injection) and shortens long labels', () => {
    const svg = chartSvg({
      text,
      rows: [row(1, { label: `#1 <script>alert("x")</script> & ${'long '.repeat(40)}` })],
    });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;');
    expect(svg).toContain('…</text>');
    expect(escapeXml(`'`)).toBe('&apos;');
  });

  it('hidden results show no numbers', () => {
    const svg = chartSvg({
      text,
      rows: [row(7, { counts: null, shift: null, hidden: 'résultats masqués jusqu’à la clôture' })],
    });
    expect(svg).toContain('résultats masqués');
    expect(svg).not.toMatch(/>\d+ %</);
    expect(svg).toContain('>—</text>');
  });

  it('shift formatting', () => {
    expect([formatShift(3), formatShift(-2), formatShift(0)]).toEqual(['+3', '−2', '±0']);
  });
});

describe('the chart thread', () => {
  it('renders the same PNG as the event loop would, off it', async () => {
    const model = {
      text: {
        language: 'fr' as const,
        title: 'Bilan',
        caption: 'Votes',
        sides: { pour: 'Pour', contre: 'Contre', neutre: 'Neutre' },
        closed: 'clos',
        noVotes: 'aucun vote',
        more: (count: number) => `+${count}`,
      },
      rows: [{ label: 'n° 1 Sujet', counts: { pour: 3, contre: 2, neutre: 1 }, shift: null, closed: false }],
      omitted: 0,
    };
    const [onThread, again] = await Promise.all([renderChartPngAsync(model), renderChartPngAsync(model)]);
    expect(onThread.equals(renderChartPng(model))).toBe(true);
    expect(again.equals(onThread)).toBe(true);
  });
});
