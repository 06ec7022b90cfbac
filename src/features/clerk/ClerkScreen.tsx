import * as React from 'react';
import { MessageBar, MessageBarType, useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/screenProps';
import { draftTexts, reportWithDrafts } from '../../report/agendaDrafts';
import { agendaOutline } from '../../report/agendaOutline';
import { collectAgendaSlots } from '../../report/agendaSlots';
import { ErrorSummary } from '../common/ErrorSummary';
import { RotaLink } from '../common/RotaLink';
import { screenStyles } from '../common/styles';
import { PackChoicesForm } from './PackChoicesForm';
import { PackPreviewSection } from './PackPreviewSection';
import { ReportSectionsForm } from './ReportSectionsForm';
import { SavedReportPicker } from './SavedReportPicker';
import { TemplateChooser } from './TemplateChooser';
import { useCommitteeReport } from './useCommitteeReport';
import { useCouncilTemplate } from './useCouncilTemplate';
import { renderWordReport, usePack } from './usePack';
import { usePackChoices } from './usePackChoices';
import { useTeams } from './useTeams';

/**
 * The committee clerk's screen: open a saved report or start one, choose the meeting, the period
 * and (optionally) teams, write the sections (which start from the data), see the agenda item,
 * save it for its meeting, and download it as Word (built-in layout or the council's template)
 * or CSV. Word is built in the browser by code loaded only when the clerk asks for it.
 */
export default function ClerkScreen({ context, data, today }: StartPageProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const choices = usePackChoices(context.siteUrl, today);
  const teams = useTeams(context.sp);
  const committee = useCommitteeReport(context.sp, today);
  const template = useCouncilTemplate();
  const pack = usePack(context.sp, choices, (model) => renderWordReport(model, committee.report, template.template && template.template.bytes));
  const model = pack.preview.status === 'ready' ? pack.preview.model : undefined;
  const drafts = React.useMemo(() => (model ? draftTexts(model) : {}), [model]);
  const open = async (id: number): Promise<void> => {
    const opened = await committee.open(id);
    if (opened) {
      choices.applySaved(opened.meetingDate, opened.period);
    }
  };
  return (
    <section aria-labelledby="fv-clerk-heading">
      <h1 id="fv-clerk-heading" className={styles.heading} tabIndex={-1}>
        Committee report pack
      </h1>
      <p className={styles.line}>
        Signed in as {data.user.displayName}. Write the report to the Children and Families Overview and Scrutiny Committee on members’ visits: the visits held
        and not held, what staff said beside the Head of Service’s responses, the safety scales and the rota ahead.
      </p>
      <RotaLink styles={styles} label="Rota: every visit, by municipal year" />
      <ErrorSummary errors={pack.errors} />
      <SavedReportPicker saved={committee.saved} onOpen={(id) => void open(id)} />
      <PackChoicesForm
        choices={choices}
        teams={teams}
        pack={pack}
        templateChooser={<TemplateChooser {...template} onChoose={(f) => void template.choose(f)} onClear={template.clear} />}
      />
      <div role="status" aria-live="polite" style={{ margin: '8px 0' }} data-testid="clerk-status">
        {committee.message || pack.announcement}
      </div>
      {pack.downloadError && <MessageBar messageBarType={MessageBarType.error}>{pack.downloadError}</MessageBar>}
      <ReportSectionsForm committee={committee} drafts={drafts} onSave={model && !pack.stale ? () => void committee.save(choices.request, model) : undefined} />
      <PackPreviewSection pack={pack} outline={(m) => agendaOutline(m, reportWithDrafts(committee.report, m), collectAgendaSlots(m))} />
    </section>
  );
}
