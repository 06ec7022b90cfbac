import * as React from 'react';
import { ChoiceGroup, DefaultButton, MessageBar, MessageBarType, PrimaryButton, Stack, TextField, useTheme } from '@fluentui/react';
import { screenStyles } from '../common/styles';
import { PACK_FIELD_IDS } from './packChoices';
import { TeamChoices } from './TeamChoices';
import type { PackState } from './usePack';
import type { PackChoicesState } from './usePackChoices';
import type { TeamsState } from './useTeams';

const DOWNLOADS = [
  { kind: 'docx', text: 'Download Word (.docx)', busyText: 'Making the Word document…', icon: 'WordDocument' },
  { kind: 'csv', text: 'Download CSV', busyText: 'Making the CSV…', icon: 'Table' },
] as const;

/** The period's first and last day. */
const PERIOD_BOXES = [
  { id: PACK_FIELD_IDS.from, label: 'Period from', example: 'For example 01/07/2026', value: 'fromText', set: 'setFromText' },
  { id: PACK_FIELD_IDS.to, label: 'Period to', example: 'For example 31/12/2026', value: 'toText', set: 'setToText' },
] as const;

const FIELD_STYLES = { root: { width: '16rem', maxWidth: '100%' } };

export interface PackChoicesFormProps {
  choices: PackChoicesState;
  teams: TeamsState;
  pack: PackState;
  /** Where the council's template is chosen, beside the downloads. */
  templateChooser?: React.ReactNode;
}

/** "Choose the pack": the committee date, the period, the teams, and the buttons that show or download it. */
export function PackChoicesForm({ choices, teams, pack, templateChooser }: PackChoicesFormProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const errorFor = (id: string): string | undefined => pack.errors.filter((e) => e.targetId === id).map((e) => e.message)[0];
  return (
    <form
      noValidate
      aria-labelledby="fv-clerk-choose"
      onSubmit={(event) => {
        event.preventDefault();
        void pack.showPack();
      }}
    >
      <h2 id="fv-clerk-choose" className={styles.sectionHeading}>
        Choose the pack
      </h2>
      <Stack tokens={{ childrenGap: 12 }}>
        <TextField
          id={PACK_FIELD_IDS.committeeDate}
          label="Date of the next committee meeting"
          description="For example 14/01/2027. Kept in this browser for next time. Setting it sets the period to the whole months before the meeting’s month, ending today at the latest."
          value={choices.committeeText}
          onChange={(_, value) => choices.setCommitteeText(value || '')}
          errorMessage={errorFor(PACK_FIELD_IDS.committeeDate)}
          styles={FIELD_STYLES}
        />
        <ChoiceGroup
          label="The report covers"
          selectedKey={String(choices.months)}
          options={[
            { key: '6', text: 'Six months' },
            { key: '12', text: 'Twelve months (annual report)' },
          ]}
          onChange={(_, option) => option && choices.setMonths(option.key === '12' ? 12 : 6)}
        />
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          {PERIOD_BOXES.map((box) => (
            <TextField
              key={box.id}
              id={box.id}
              label={box.label}
              description={box.example}
              required
              value={choices[box.value]}
              onChange={(_, value) => choices[box.set](value || '')}
              errorMessage={errorFor(box.id)}
              styles={FIELD_STYLES}
            />
          ))}
        </div>
        {choices.request.to && choices.request.to > choices.request.today && (
          <MessageBar messageBarType={MessageBarType.info}>
            This period reaches past today. Visits from today to the end of the period are shown as planned, not as missing.
          </MessageBar>
        )}
        <TeamChoices teams={teams} teamIds={choices.teamIds} onToggle={choices.toggleTeam} />
        {templateChooser}
        <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
          <PrimaryButton type="submit" text="Show the pack" disabled={pack.preview.status === 'loading'} />
          {DOWNLOADS.map((d) => (
            <DefaultButton
              key={d.kind}
              text={pack.working === d.kind ? d.busyText : d.text}
              iconProps={{ iconName: d.icon }}
              onClick={() => void pack.download(d.kind)}
              disabled={!!pack.working || pack.preview.status === 'loading'}
            />
          ))}
        </Stack>
      </Stack>
    </form>
  );
}
