import * as React from 'react';
import { Icon } from '@fluentui/react';
import { AppRoute, hashFor } from '../../app/route';
import { screenStyles } from './styles';
import { VisuallyHidden } from './VisuallyHidden';

type Styles = ReturnType<typeof screenStyles>;

/** "Status: …" in words, with a warning icon (never colour alone) when something is late. */
export function StatusLines({
  styles,
  statusText,
  deadlineText,
  latenessText,
  overdue,
}: {
  styles: Styles;
  statusText: string;
  deadlineText?: string;
  latenessText?: string;
  overdue: boolean;
}): JSX.Element {
  return (
    <>
      <p className={`${styles.line} ${overdue ? styles.overdue : styles.status}`}>
        {overdue && <Icon iconName="Warning" aria-hidden={true} style={{ marginRight: 4 }} />}
        Status: {statusText}
      </p>
      {deadlineText && <p className={styles.line}>{deadlineText}</p>}
      {latenessText && <p className={styles.line}>{latenessText}</p>}
    </>
  );
}

/** A card's link; the hidden part tells a screen-reader user which visit it is about. */
export function CardLink({ styles, route, label, about }: { styles: Styles; route: AppRoute; label: string; about: string }): JSX.Element {
  return (
    <a className={styles.action} href={hashFor(route)}>
      {label}
      <VisuallyHidden> for {about}</VisuallyHidden>
    </a>
  );
}
