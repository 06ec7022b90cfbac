import * as React from 'react';
import { mergeStyleSets, useTheme } from '@fluentui/react';
import type { OutlineBlock, OutlineParagraph } from '../../report/packOutline';
import { ScaleChartFigure } from './ScaleChartFigure';

/**
 * The pack on screen, drawn from the same outline as the Word document: the clerk sees the
 * headings, tables and words the document will hold. Headings sit two levels below the
 * screen's own (the pack's title is an h3 under "What the pack will hold").
 */
type PreviewStyles = ReturnType<typeof usePreviewStyles>;

function usePreviewStyles() {
  const theme = useTheme();
  return React.useMemo(
    () =>
      mergeStyleSets({
        region: {
          maxWidth: '100%',
          overflowX: 'auto',
          margin: '8px 0 16px',
          selectors: { ':focus-visible': { outline: `2px solid ${theme.palette.themePrimary}`, outlineOffset: 2 } },
        },
        table: { borderCollapse: 'collapse', width: '100%', minWidth: '36rem' },
        cell: {
          border: `1px solid ${theme.palette.neutralTertiary}`,
          padding: '6px 8px',
          textAlign: 'left',
          verticalAlign: 'top',
          // break-word (not anywhere): long words still wrap, but short ones such as month names stay whole
          overflowWrap: 'break-word',
        },
        header: { background: theme.palette.neutralLighter, color: theme.semanticColors.bodyText, fontWeight: 600 },
        caption: { textAlign: 'left', fontWeight: 600, padding: '4px 0' },
        paragraph: { margin: '4px 0', whiteSpace: 'pre-wrap', overflowWrap: 'break-word' },
        heading: { margin: '16px 0 8px', fontWeight: 600 },
      }),
    [theme],
  );
}

export function PackPreview({ blocks, idPrefix = 'fv-pack' }: { blocks: ReadonlyArray<OutlineBlock>; idPrefix?: string }): JSX.Element {
  const styles = usePreviewStyles();
  const paragraph = (runs: OutlineParagraph, key: React.Key, number?: string): JSX.Element => (
    <p key={key} className={styles.paragraph}>
      {number ? `${number} ` : ''}
      {runs.map((run, i) => (run.bold ? <strong key={i}>{run.text}</strong> : <React.Fragment key={i}>{run.text}</React.Fragment>))}
    </p>
  );
  const headingSizes = [0, 22, 19, 17, 15];
  return (
    <div>
      {blocks.map((block, index) => {
        if (block.kind === 'heading') {
          const Tag = `h${block.level + 2}` as 'h3' | 'h4' | 'h5' | 'h6';
          return (
            <Tag key={index} className={styles.heading} style={{ fontSize: headingSizes[block.level] }}>
              {block.number ? `${block.number} ` : ''}
              {block.text}
            </Tag>
          );
        }
        if (block.kind === 'paragraph') {
          return paragraph(block.runs, index, block.number);
        }
        if (block.kind === 'figure') {
          return <ScaleChartFigure key={index} chart={block.chart} />;
        }
        return <PreviewTable key={index} block={block} captionId={`${idPrefix}-table-${index}`} styles={styles} paragraph={paragraph} />;
      })}
    </div>
  );
}

interface PreviewTableProps {
  block: Extract<OutlineBlock, { kind: 'table' }>;
  captionId: string;
  styles: PreviewStyles;
  paragraph(runs: OutlineParagraph, key: React.Key): JSX.Element;
}

function PreviewTable({ block, captionId, styles, paragraph }: PreviewTableProps): JSX.Element {
  return (
    // A wide table scrolls inside its own region, so the page still fits a 320 px screen;
    // the region takes focus so it can be scrolled from the keyboard.
    <div className={styles.region} role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={styles.table}>
        <caption id={captionId} className={styles.caption}>
          {block.caption}
        </caption>
        <thead>
          <tr>
            {block.headers.map((header) => (
              <th key={header} scope="col" className={`${styles.cell} ${styles.header}`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {row.map((content, c) => (
                <td key={c} className={styles.cell}>
                  {content.map((runs, i) => paragraph(runs, i))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
