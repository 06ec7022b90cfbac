import * as React from 'react';

/**
 * Shows what a person typed exactly as typed: line breaks kept, nothing interpreted. React
 * escapes the text, so no markup or link can come of it.
 */
export function PlainText({ text, empty = 'Nothing recorded.' }: { text: string | undefined; empty?: string }): JSX.Element {
  if (!text || !text.trim()) {
    return <p style={{ margin: '4px 0', fontStyle: 'italic' }}>{empty}</p>;
  }
  return <p style={{ margin: '4px 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{text}</p>;
}
