import * as React from 'react';
import { ChoiceGroup, DefaultButton, MessageBar, MessageBarType, PrimaryButton, Stack, TextField, useTheme } from '@fluentui/react';
import { textKey } from '../../report/agendaSections';
import type { ReportContact } from '../../report/committeeReport';
import { screenStyles } from '../common/styles';
import type { CommitteeReportState } from './useCommitteeReport';

const CONTACT_FIELDS: ReadonlyArray<{ field: keyof ReportContact; label: string; type?: string }> = [
  { field: 'name', label: 'Contact name' },
  { field: 'jobTitle', label: 'Contact job title' },
  { field: 'telephone', label: 'Contact telephone', type: 'tel' },
  { field: 'email', label: 'Contact email', type: 'email' },
];

const WIDE = { root: { maxWidth: '48rem' } };

export interface ReportSectionsFormProps {
  committee: CommitteeReportState;
  /** The words drawn from the data, for every section the clerk has not written. */
  drafts: { [key: string]: string };
  /** Saves for the meeting on screen; absent until the pack for it has been read. */
  onSave?(): void;
}

/**
 * "Write the report": the sections people write, each starting from words drawn from the data,
 * the report's title, reference and state, and who to contact. Saved per meeting.
 */
export function ReportSectionsForm({ committee, drafts, onSave }: ReportSectionsFormProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const { report } = committee;
  const field = (key: string, label: string): JSX.Element => (
    <TextField
      key={key}
      id={`fv-section-${key.replace('/', '-')}`}
      label={label}
      multiline
      autoAdjustHeight
      value={report.texts[key] !== undefined ? report.texts[key] : drafts[key] || ''}
      onChange={(_, value) => committee.setText(key, value || '')}
      styles={WIDE}
    />
  );
  return (
    <section aria-labelledby="fv-clerk-write">
      <h2 id="fv-clerk-write" className={styles.sectionHeading}>
        Write the report
      </h2>
      <p className={styles.line}>
        Each section starts from words drawn from the visits; change them as you need. Each line is a paragraph. Save to keep the report for its meeting.
        {report.id !== undefined ? ` This is saved report ${report.id}.` : ''}
      </p>
      <form
        noValidate
        aria-labelledby="fv-clerk-write"
        onSubmit={(event) => {
          event.preventDefault();
          onSave?.();
        }}
      >
        <Stack tokens={{ childrenGap: 12 }}>
          <TextField label="Report title" value={report.reportTitle} onChange={(_, v) => committee.setDetails({ reportTitle: v || '' })} styles={WIDE} />
          <TextField
            label="Report reference"
            description="The council’s reference for the agenda item, for example CFOSC/2027/01."
            value={report.reference}
            onChange={(_, v) => committee.setDetails({ reference: v || '' })}
            styles={{ root: { width: '16rem', maxWidth: '100%' } }}
          />
          <ChoiceGroup
            label="State"
            selectedKey={report.state}
            options={[
              { key: 'Draft', text: 'Draft (marked DRAFT in the header)' },
              { key: 'Final', text: 'Final' },
            ]}
            onChange={(_, option) => option && committee.setDetails({ state: option.key === 'Final' ? 'Final' : 'Draft' })}
          />
          {report.sections.map((section) => (
            <React.Fragment key={section.id}>
              {section.subsections && section.subsections.length ? (
                <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
                  <legend style={{ fontWeight: 600, padding: '0 0 6px' }}>{section.heading}</legend>
                  <Stack tokens={{ childrenGap: 8 }}>
                    {field(textKey(section.id), `${section.heading}: introduction`)}
                    {section.subsections.map((sub) => field(textKey(section.id, sub.id), `${section.heading}: ${sub.heading}`))}
                  </Stack>
                </fieldset>
              ) : (
                field(textKey(section.id), section.heading)
              )}
            </React.Fragment>
          ))}
          <ContactFields committee={committee} />
          {committee.error && <MessageBar messageBarType={MessageBarType.error}>{committee.error}</MessageBar>}
          <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
            <PrimaryButton type="submit" text={committee.saving ? 'Saving the report…' : 'Save the report'} disabled={committee.saving || !onSave} />
            <DefaultButton text="Start a new report" onClick={committee.startNew} disabled={committee.saving} />
          </Stack>
        </Stack>
      </form>
    </section>
  );
}

/** Who to contact about the report: the contact block at the end of the report. */
function ContactFields({ committee }: { committee: CommitteeReportState }): JSX.Element {
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <legend style={{ fontWeight: 600, padding: '0 0 6px' }}>Who to contact about the report</legend>
      <Stack tokens={{ childrenGap: 8 }}>
        {CONTACT_FIELDS.map((c) => (
          <TextField
            key={c.field}
            label={c.label}
            type={c.type}
            value={committee.report.contact[c.field]}
            onChange={(_, v) => committee.setContact(c.field, v || '')}
            styles={{ root: { width: '24rem', maxWidth: '100%' } }}
          />
        ))}
      </Stack>
    </fieldset>
  );
}
