/**
 * SVG to PNG in the browser, for the Word pack's picture fallback: the browser draws the SVG into
 * a canvas, so no rendering library is loaded at all.
 */
import type { RasteriseSvg } from '../../report/scaleChart';

export const rasteriseSvgInBrowser: RasteriseSvg = (svg, width, height, scale) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('The browser gave no 2D canvas to draw the chart on'));
        return;
      }
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => {
        if (!blob) {
          reject(new Error('The browser could not turn the chart into a PNG'));
          return;
        }
        blob
          .arrayBuffer()
          .then((buffer) => resolve(new Uint8Array(buffer)))
          .catch(reject);
      }, 'image/png');
    };
    image.onerror = () => reject(new Error('The browser could not draw the chart'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
