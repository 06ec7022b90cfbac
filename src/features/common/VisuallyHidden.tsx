import * as React from 'react';

const hidden: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** Text for screen readers only, e.g. which visit a "Continue" link is about. */
export function VisuallyHidden({ children }: { children: React.ReactNode }): JSX.Element {
  return <span style={hidden}>{children}</span>;
}
