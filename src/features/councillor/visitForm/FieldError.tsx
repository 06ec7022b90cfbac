import * as React from 'react';
import { useTheme } from '@fluentui/react';

/** A field's error where Fluent UI's own cannot go (a group of boxes, the choice group). */
export function FieldError({ id, message }: { id: string; message: string }): JSX.Element {
  const theme = useTheme();
  return (
    <p id={id} style={{ color: theme.semanticColors.errorText, fontWeight: 600, margin: '4px 0' }}>
      <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Error: </span>
      {message}
    </p>
  );
}
