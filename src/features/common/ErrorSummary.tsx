import * as React from 'react';
import { useTheme } from '@fluentui/react';
import { focusField } from './focusField';

export interface ErrorSummaryItem {
  message: string;
  /** The id of the field the message is about. */
  targetId: string;
}

export interface ErrorSummaryProps {
  errors: ErrorSummaryItem[];
  title?: string;
}

/**
 * The GOV.UK error summary: at the top of the form, focused when it appears so a screen reader
 * reads it, every message a link that moves focus to its field. The same messages appear beside
 * the fields.
 */
export function ErrorSummary({ errors, title = 'There is a problem' }: ErrorSummaryProps): JSX.Element | null {
  const theme = useTheme();
  const box = React.useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.targetId}:${e.message}`).join('|');
  React.useEffect(() => {
    if (errors.length && box.current) {
      box.current.focus();
      if (typeof box.current.scrollIntoView === 'function') {
        box.current.scrollIntoView({ block: 'start' });
      }
    }
    // Focus moves when the messages change, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
  if (!errors.length) {
    return null;
  }
  const border = theme.semanticColors.errorText;
  return (
    <div
      ref={box}
      tabIndex={-1}
      aria-labelledby="fv-error-summary-title"
      data-testid="error-summary"
      style={{ border: `4px solid ${border}`, padding: 16, margin: '16px 0', outlineOffset: 2, color: theme.semanticColors.bodyText }}
    >
      <h2 id="fv-error-summary-title" style={{ margin: '0 0 8px', fontSize: 20 }}>
        {title}
      </h2>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {errors.map((error) => (
          <li key={error.targetId + error.message} style={{ marginBottom: 4 }}>
            <a
              href={`#${error.targetId}`}
              style={{ color: theme.semanticColors.errorText, fontWeight: 600 }}
              onClick={(event) => {
                // The address's hash is the app's route: move focus, don't navigate.
                event.preventDefault();
                focusField(error.targetId);
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
