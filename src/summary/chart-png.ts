// Renders the summary chart to PNG with @resvg/resvg-js (no browser), using only the DejaVu
// font files shipped in node_modules: system fonts are never loaded.

import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, chartFontFiles } from './chart-font.ts';
import { type ChartModel, chartSvg } from './chart-svg.ts';
import { renderOnThread } from './chart-thread.ts';

const options = (): ResvgRenderOptions => ({
  fitTo: { mode: 'original' },
  font: {
    loadSystemFonts: false,
    fontFiles: [...chartFontFiles()],
    defaultFontFamily: CHART_FONT_FAMILY,
    sansSerifFamily: CHART_FONT_FAMILY,
  },
});

/** Renders any SVG with the chart font only. */
export function renderSvgToPng(svg: string): Buffer {
  return new Resvg(svg, options()).render().asPng();
}

/** The same, on the chart thread: a chart takes milliseconds the event loop keeps for clicks. */
export function renderSvgToPngAsync(svg: string): Promise<Buffer> {
  return renderOnThread(svg, options());
}

/** The summary chart as a PNG image. */
export function renderChartPng(model: ChartModel): Buffer {
  return renderSvgToPng(chartSvg(model));
}

/** The summary chart as a PNG image, rendered off the event loop. */
export function renderChartPngAsync(model: ChartModel): Promise<Buffer> {
  return renderSvgToPngAsync(chartSvg(model));
}
