/**
 * The places in the committee report that other parts of the pack fill: the themes across visits
 * (a table of each theme's count, per team and against the previous period) and the safety
 * scale as a picture (a figure with alt text, and the numbers in a table beside it).
 * Whoever builds them hands over outline blocks; the report places them. A slot left empty
 * falls back to what the report can say without it.
 */
import type { OutlineBlock } from './packOutline';
import type { PackModel } from './packTypes';
import { scaleHistoryOutline, themeOutline } from './themeTable';

export interface AgendaSlots {
  /** In "Issues and Head of Service Response", before the pointer to Appendix 2: the theme table. */
  themes?: ReadonlyArray<OutlineBlock>;
  /**
   * In "Background", under "Safety scale judgements" after the scale at each visit and each
   * team's average: the scale chart (a `figure` block) and its numbers in a table.
   */
  scaleChart?: ReadonlyArray<OutlineBlock>;
}

/** Headings inside a slot sit under the section's own: level 3 (the section is level 2). */
export const SLOT_HEADING_LEVEL = 3;

/**
 * The slots' contents for one pack: the themes table (when the site has the themes lists) and
 * the scale chart with its numbers. The clerk's screen and the command line both call this, so
 * both documents hold the same. A pack without themes data or without a scale in any of the four
 * periods leaves the slot empty and the report says what it can without it.
 */
export function collectAgendaSlots(model: PackModel): AgendaSlots {
  const themes = themeOutline(model, SLOT_HEADING_LEVEL);
  // Beside "Each visit" and "Average for each team", under the section's "Safety scale judgements".
  const scaleChart = scaleHistoryOutline(model, 4);
  return { themes: themes.length ? themes : undefined, scaleChart: scaleChart.length ? scaleChart : undefined };
}
