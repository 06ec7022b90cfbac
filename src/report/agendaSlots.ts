/**
 * The places in the committee report that other parts of the pack fill: the themes across visits
 * (a table of each theme's count, per team and against the previous period) and the safety
 * scale as a picture (an image block with alt text, and the numbers in a table beside it).
 * Whoever builds them hands over outline blocks; the report places them. A slot left empty
 * falls back to what the report can say without it.
 */
import type { OutlineBlock } from './packOutline';

export interface AgendaSlots {
  /** In "Issues and Head of Service Response", before the pointer to Appendix 2: the theme table. */
  themes?: ReadonlyArray<OutlineBlock>;
  /**
   * In "Background", after the visits: the scale chart (an `image` block) and its numbers. When
   * absent, the report shows the scale at each visit and each team's average as tables.
   */
  scaleChart?: ReadonlyArray<OutlineBlock>;
}

/** Headings inside a slot sit under the section's own: level 3 (the section is level 2). */
export const SLOT_HEADING_LEVEL = 3;

/**
 * The slots' contents for one pack: where the themes table and the scale chart are made and
 * handed over. The clerk's screen and the command line both call this, so both documents hold
 * the same. Until those parts are wired in, no slot is filled and the report says what it can
 * without them (the scale as tables).
 */
export async function collectAgendaSlots(): Promise<AgendaSlots> {
  return {};
}
