import * as React from 'react';
import type { ScaleChart } from '../../report/scaleChart';

/**
 * The scale chart on screen: the same SVG the Word pack holds, as an image with its alt text and
 * a caption; the table after it gives every number. On a white ground in every theme, since the
 * picture's colours are chosen against white; it shrinks to fit a narrow screen.
 */
export function ScaleChartFigure({ chart }: { chart: ScaleChart }): JSX.Element {
  const source = React.useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`, [chart.svg]);
  return (
    <figure style={{ margin: '8px 0 12px', maxWidth: chart.width }} data-testid="scale-chart">
      <img
        src={source}
        alt={chart.altText}
        width={chart.width}
        height={chart.height}
        style={{ display: 'block', maxWidth: '100%', height: 'auto', background: '#ffffff' }}
      />
      <figcaption style={{ marginTop: 4 }}>{chart.title}</figcaption>
    </figure>
  );
}
