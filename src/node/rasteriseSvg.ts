/**
 * SVG to PNG in Node, for the Word pack's picture fallback, with resvg (a Rust renderer shipped
 * as a prebuilt Node-API package: no canvas, no browser). Text uses the machine's own fonts.
 */
import { Resvg } from '@resvg/resvg-js';
import type { RasteriseSvg } from '../report/scaleChart';

export const rasteriseSvgInNode: RasteriseSvg = async (svg, width, _height, scale) => {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: Math.round(width * scale) }, background: '#ffffff', font: { loadSystemFonts: true } }).render();
  return new Uint8Array(image.asPng());
};
