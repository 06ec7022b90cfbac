import * as React from 'react';
import { hashFor } from '../../app/route';
import { screenStyles } from './styles';

/** The way to the rota screen from a start page. */
export function RotaLink({ styles, label }: { styles: ReturnType<typeof screenStyles>; label: string }): JSX.Element {
  return (
    <p className={styles.line}>
      <a className={styles.action} href={hashFor({ page: 'rota' })} data-testid="rota-link">
        {label}
      </a>
    </p>
  );
}
