/**
 * The safety scale as a picture: a line for each team across the last four periods, drawn as SVG
 * text with d3's scales and line and symbol shapes (no DOM, no canvas), so the browser and the
 * command line draw the same picture. The screen shows the SVG; Word gets the SVG with a PNG
 * copy for readers that cannot show SVG (see rasterise.ts).
 *
 * Told apart without colour: each team has its own marker shape and line dash as well as its
 * colour, and every colour has at least 3:1 contrast with the white ground (WCAG 1.4.11).
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { line, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye } from 'd3-shape';
import type { ScaleHistory } from './scaleHistory';

export interface ScaleChart {
  svg: string;
  /** CSS pixels. */
  width: number;
  height: number;
  /** The chart's name, for the image's title. */
  title: string;
  /** What the picture shows, for people who cannot see it; the numbers are in the table beside it. */
  altText: string;
}

/** Colour, dash and marker per team, repeating after seven teams with the order shifted. */
const SERIES_STYLES = [
  { colour: '#0f5a9c', dash: '', symbol: symbolCircle },
  { colour: '#a4262c', dash: '7 4', symbol: symbolSquare },
  { colour: '#0b6a0b', dash: '2 3', symbol: symbolTriangle },
  { colour: '#5c2e91', dash: '10 3 2 3', symbol: symbolDiamond },
  { colour: '#8a4b00', dash: '4 2', symbol: symbolCross },
  { colour: '#004b50', dash: '1 2', symbol: symbolStar },
  { colour: '#323130', dash: '12 4', symbol: symbolWye },
];

const WIDTH = 640;
const PLOT_HEIGHT = 260;
const MARGIN = { top: 16, right: 24, bottom: 40, left: 48 };
const LEGEND_ROW = 22;
const FONT = "font-family=\"'Segoe UI', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif\" font-size=\"13\"";
const TEXT_COLOUR = '#1b1a19';
const GRID_COLOUR = '#c8c6c4';

/** Text as SVG (XML) character data: nothing a team's name holds can become markup. */
function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

export function scaleChartTitle(history: ScaleHistory): string {
  const first = history.periods[0];
  const last = history.periods[history.periods.length - 1];
  return `Average safety scale for each team, ${first.label} to ${last.label}`;
}

/** What the chart says, in words: each team's first and last average, and where it has gaps. */
export function scaleChartAltText(history: ScaleHistory): string {
  const labels = history.periods.map((p) => p.label);
  const intro = `Line chart of the average safety scale (0 ineffective, 10 very effective) at each team's visits in ${history.periods.length} periods: ${labels.join('; ')}.`;
  if (!history.teams.length) {
    return `${intro} No team is shown.`;
  }
  const teams = history.teams.map((team) => {
    const given = team.points.map((p, i) => ({ p, label: labels[i] })).filter((x) => x.p.average !== undefined);
    if (!given.length) {
      return `${team.team}: no scale given in any of these periods.`;
    }
    const first = given[0];
    const last = given[given.length - 1];
    const missing = team.points.length - given.length;
    const trend = given.length === 1 ? `${first.p.text} in ${first.label} only` : `${first.p.text} in ${first.label}, ${last.p.text} in ${last.label}`;
    return `${team.team}: ${trend}${missing && given.length > 1 ? ` (no scale in ${missing} ${missing === 1 ? 'period' : 'periods'})` : ''}.`;
  });
  return `${intro} ${teams.join(' ')} The table beside the chart gives every value.`;
}

/** The chart as a standalone SVG document. */
export function scaleChart(history: ScaleHistory): ScaleChart {
  const legendTop = MARGIN.top + PLOT_HEIGHT + MARGIN.bottom;
  const height = legendTop + Math.max(1, history.teams.length) * LEGEND_ROW + 8;
  const x = scalePoint<number>()
    .domain(history.periods.map((_p, i) => i))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.5);
  const y = scaleLinear()
    .domain([0, 10])
    .range([MARGIN.top + PLOT_HEIGHT, MARGIN.top]);
  const title = scaleChartTitle(history);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img">`,
    `<title>${xmlText(title)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
  );
  // The 0–10 axis, with a light line at every even value.
  for (const tick of y.ticks(5)) {
    const ty = round(y(tick));
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${ty}" y2="${ty}" stroke="${GRID_COLOUR}" stroke-width="1"/>`,
      `<text x="${MARGIN.left - 10}" y="${ty}" dy="0.35em" text-anchor="end" fill="${TEXT_COLOUR}" ${FONT}>${tick}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(14 ${round(MARGIN.top + PLOT_HEIGHT / 2)}) rotate(-90)" text-anchor="middle" fill="${TEXT_COLOUR}" ${FONT}>Safety scale (0 to 10)</text>`,
  );
  history.periods.forEach((period, i) => {
    parts.push(
      `<text x="${round(x(i) as number)}" y="${MARGIN.top + PLOT_HEIGHT + 24}" text-anchor="middle" fill="${TEXT_COLOUR}" ${FONT}>${xmlText(period.label)}</text>`,
    );
  });

  history.teams.forEach((team, teamIndex) => {
    const style = SERIES_STYLES[teamIndex % SERIES_STYLES.length];
    const points = team.points.map((p, i) => ({ i, average: p.average }));
    // A period with no scale leaves a gap in the line rather than joining across it.
    const path = line<{ i: number; average?: number }>()
      .defined((p) => p.average !== undefined)
      .x((p) => x(p.i) as number)
      .y((p) => y(p.average as number))
      .digits(1)(points);
    if (path) {
      parts.push(`<path d="${path}" fill="none" stroke="${style.colour}" stroke-width="2.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    }
    const marker = symbol(style.symbol, 80).digits(1)();
    for (const p of points) {
      if (p.average !== undefined) {
        parts.push(
          `<path d="${marker}" transform="translate(${round(x(p.i) as number)} ${round(y(p.average))})" fill="${style.colour}" stroke="#ffffff" stroke-width="1"/>`,
        );
      }
    }
    // The legend: a sample of the line and marker, then the team's name.
    const ly = legendTop + teamIndex * LEGEND_ROW + 8;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + 36}" y1="${ly}" y2="${ly}" stroke="${style.colour}" stroke-width="2.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
      `<path d="${marker}" transform="translate(${MARGIN.left + 18} ${ly})" fill="${style.colour}" stroke="#ffffff" stroke-width="1"/>`,
      `<text x="${MARGIN.left + 46}" y="${ly}" dy="0.35em" fill="${TEXT_COLOUR}" ${FONT}>${xmlText(team.team)}</text>`,
    );
  });
  parts.push('</svg>');
  return { svg: parts.join(''), width: WIDTH, height, title, altText: scaleChartAltText(history) };
}

/** Turns the chart's SVG into PNG bytes at `scale` times its size: the browser's canvas or resvg in Node. */
export type RasteriseSvg = (svg: string, width: number, height: number, scale: number) => Promise<Uint8Array>;
