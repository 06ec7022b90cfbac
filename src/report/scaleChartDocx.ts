/**
 * The scale chart in Word: the SVG picture, with a PNG copy for word processors that cannot show
 * SVG (Word before 2016, LibreOffice's older releases), the chart's title and alt text on the
 * drawing itself (what Word's "Alt Text" pane and screen readers read).
 */
import { ImageRun, Paragraph, TextRun } from 'docx';
import type { OutlineBlock } from './outlineTypes';
import type { RasteriseSvg, ScaleChart } from './scaleChart';

/** PNG pixels per CSS pixel: sharp when printed, still small (a chart is about 40 KB). */
export const CHART_PNG_SCALE = 2;

/** Word's text width on A4 with 2.54 cm margins, in CSS pixels (6.27 in at 96 per inch). */
const TEXT_WIDTH_PX = 601;

/** The PNG copy of every chart in the outline, keyed by its SVG. */
export async function rasteriseCharts(blocks: ReadonlyArray<OutlineBlock>, rasterise: RasteriseSvg | undefined): Promise<Map<string, Uint8Array>> {
  const pngs = new Map<string, Uint8Array>();
  if (!rasterise) {
    return pngs;
  }
  for (const block of blocks) {
    if (block.kind === 'figure' && !pngs.has(block.chart.svg)) {
      pngs.set(block.chart.svg, await rasterise(block.chart.svg, block.chart.width, block.chart.height, CHART_PNG_SCALE));
    }
  }
  return pngs;
}

/**
 * The chart as a paragraph holding the picture, scaled to the text width. Without a PNG copy the
 * chart is left out and its alt text stands in its place: the table after it has the numbers.
 */
export function chartParagraph(chart: ScaleChart, png: Uint8Array | undefined): Paragraph {
  if (!png) {
    return new Paragraph({ children: [new TextRun({ text: `Chart: ${chart.title}. ${chart.altText}` })] });
  }
  const scale = Math.min(1, TEXT_WIDTH_PX / chart.width);
  return new Paragraph({
    keepNext: true,
    children: [
      new ImageRun({
        type: 'svg',
        data: new TextEncoder().encode(chart.svg),
        fallback: { type: 'png', data: png },
        transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
        altText: { name: 'Safety scale chart', title: chart.title, description: chart.altText },
      }),
    ],
  });
}
