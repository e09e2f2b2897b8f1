// Renders the summary chart to PNG with @resvg/resvg-js (no browser), using only the DejaVu
// font files shipped in node_modules: system fonts are never loaded.

import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, chartFontFiles } from './chart-font.ts';
import { type ChartModel, chartSvg } from './chart-svg.ts';

/** Renders any SVG with the chart font only. */
export function renderSvgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: {
      loadSystemFonts: false,
      fontFiles: [...chartFontFiles()],
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

/** The summary chart as a PNG image. */
export function renderChartPng(model: ChartModel): Buffer {
  return renderSvgToPng(chartSvg(model));
}
