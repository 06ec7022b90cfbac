import * as React from 'react';
import { MessageBar, MessageBarType, useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';
import { ErrorSummary } from '../common/ErrorSummary';
import { RotaLink } from '../common/RotaLink';
import { screenStyles } from '../common/styles';
import { PackChoicesForm } from './PackChoicesForm';
import { PackPreviewSection } from './PackPreviewSection';
import { usePack } from './usePack';
import { usePackChoices } from './usePackChoices';
import { useTeams } from './useTeams';

/**
 * The committee clerk's screen: choose the committee date, the period and (optionally) teams,
 * see what the pack will hold, and download it as Word or CSV. Word is built in the browser by
 * code loaded only when the clerk asks for it.
 */
export default function ClerkScreen({ context, data, today }: StartPageProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const choices = usePackChoices(context.siteUrl, today);
  const teams = useTeams(context.sp);
  const pack = usePack(context.sp, choices);
  return (
    <section aria-labelledby="fv-clerk-heading">
      <h1 id="fv-clerk-heading" className={styles.heading} tabIndex={-1}>
        Committee report pack
      </h1>
      <p className={styles.line}>
        Signed in as {data.user.displayName}. Build the six-monthly report to the Children and Families Overview and Scrutiny Committee: the visits, what staff
        said, the Head of Service’s responses, the safety scales and the rota ahead.
      </p>
      <RotaLink styles={styles} label="Rota: every visit, by municipal year" />
      <ErrorSummary errors={pack.errors} />
      <PackChoicesForm choices={choices} teams={teams} pack={pack} />
      <div role="status" aria-live="polite" style={{ margin: '8px 0' }} data-testid="clerk-status">
        {pack.announcement}
      </div>
      {pack.downloadError && <MessageBar messageBarType={MessageBarType.error}>{pack.downloadError}</MessageBar>}
      <PackPreviewSection pack={pack} />
    </section>
  );
}
