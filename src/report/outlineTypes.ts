/** The pack outline's parts (see packOutline.ts): plain text, tables and charts. */
import type { ScaleChart } from './scaleChart';

export interface OutlineRun {
  /** Plain text; `\n` is a line break within the paragraph. */
  text: string;
  bold?: boolean;
}

/** A paragraph: one or more runs. */
export type OutlineParagraph = OutlineRun[];

/** A table cell: one or more paragraphs. */
export type OutlineCell = OutlineParagraph[];

export type OutlineBlock =
  | {
      kind: 'heading';
      level: 1 | 2 | 3 | 4;
      text: string;
      /** "5": a numbered section's heading, numbered by Word's own numbering in the document. */
      number?: string;
      /** Starts a new page (the appendices). */
      pageBreakBefore?: boolean;
    }
  | {
      kind: 'paragraph';
      runs: OutlineParagraph;
      /** "5.2": a numbered paragraph under a numbered section. */
      number?: string;
    }
  | {
      kind: 'table';
      /** Names the table for assistive technology (the preview's caption). */
      caption: string;
      headers: string[];
      /** Relative column widths, summing to 100. */
      widths: number[];
      rows: OutlineCell[][];
    }
  /** A chart: drawn as SVG on screen and in Word, with its alt text; its numbers are in the table after it. */
  | { kind: 'figure'; chart: ScaleChart };
