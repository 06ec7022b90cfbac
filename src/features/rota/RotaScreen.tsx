import * as React from 'react';
import { DefaultButton, Dropdown, MessageBar, MessageBarType, Spinner, SpinnerSize, useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';
import { municipalYearOf, nextMunicipalYear } from '../../domain/municipalYear';
import { rolesMay } from '../../domain/roles';
import { usePersonFinder } from '../../data/hooks/usePersonFinder';
import { screenStyles } from '../common/styles';
import { yearChoices } from './rotaModel';
import { RotaYearView } from './RotaYearView';
import { useRotaYear } from './useRotaYear';

// The planner and its review load only when someone asks for a proposal.
const ProposePanel = React.lazy(() => import(/* webpackChunkName: 'rota-planner' */ './ProposePanel'));

/**
 * The rota by municipal year. The improvement team and clerks add, move, re-crew, cancel and
 * record visits and save them in one batch; a councillor reads their own visits and keeps the
 * dates they cannot do.
 */
export default function RotaScreen({ context, data, today, navigate }: StartPageProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const canEdit = rolesMay(data.user.roles, 'editRota');
  // Heads of Service read every visit; councillors read their own and keep the dates they cannot do.
  const seesAll = canEdit || rolesMay(data.user.roles, 'readAllReports');
  const keepsOwnDates = rolesMay(data.user.roles, 'createReport');
  const [year, setYear] = React.useState(municipalYearOf(today));
  const [proposing, setProposing] = React.useState(false);
  const [published, setPublished] = React.useState<string | undefined>();
  const rota = useRotaYear(context.sp, year);
  const findPerson = usePersonFinder(context.sp);
  const me = { id: data.user.id, displayName: data.user.displayName, email: data.user.email };
  const heading = (
    <h1 id="fv-rota" className={styles.heading} tabIndex={-1}>
      Rota
    </h1>
  );
  if (proposing) {
    return (
      <section aria-labelledby="fv-rota">
        {heading}
        <React.Suspense fallback={<Spinner size={SpinnerSize.large} label="Opening the planner…" />}>
          <ProposePanel
            sp={context.sp}
            today={today}
            siteUrl={context.siteUrl}
            firstYear={nextMunicipalYear(municipalYearOf(today))}
            findPerson={findPerson}
            onClose={(publishedYear, message) => {
              setProposing(false);
              if (publishedYear) {
                setYear(publishedYear);
                setPublished(message);
              }
            }}
          />
        </React.Suspense>
      </section>
    );
  }
  return (
    <section aria-labelledby="fv-rota">
      {heading}
      <p className={styles.line}>
        {canEdit
          ? 'Every visit of the municipal year (April to March). Change visits here, then save them all at once.'
          : seesAll
            ? 'Every visit of the municipal year (April to March).'
            : 'Your visits on the rota, by municipal year (April to March), and the dates you cannot do.'}{' '}
        <a className={styles.action} href="#/" onClick={(e) => (e.preventDefault(), navigate({ page: 'start' }))}>
          Back to the start page
        </a>
      </p>
      {published && <MessageBar messageBarType={MessageBarType.success}>{published}</MessageBar>}
      <Dropdown
        label="Municipal year"
        options={yearChoices(municipalYearOf(today)).map((y) => ({ key: y, text: y }))}
        selectedKey={year}
        disabled={rota.pending > 0}
        onChange={(_, o) => o && setYear(String(o.key))}
        styles={{ root: { maxWidth: 200 } }}
      />
      {canEdit && <DefaultButton text="Propose next year’s rota" onClick={() => setProposing(true)} styles={{ root: { minHeight: 44, marginTop: 12 } }} />}
      <RotaYearView
        sp={context.sp}
        year={year}
        today={today}
        rota={rota}
        access={{ canEdit, seesAll, keepsOwnDates }}
        me={me}
        findPerson={findPerson}
        styles={styles}
      />
    </section>
  );
}
