import * as React from 'react';
import { ComboBox, IComboBoxOption, useTheme } from '@fluentui/react';
import { Person } from '../../../domain/types';
import { peopleText } from '../../common/people';
import { screenStyles } from '../../common/styles';
import { fieldId } from '../visitFormModel';

export interface MembersFieldProps {
  members: Person[];
  /** The site's councillors (the Frontline Visit Members group). */
  councillors: Person[];
  errorMessage?: string;
  onChange(members: Person[]): void;
}

/** The elected members who made the visit: a multi-select ComboBox of the site's councillors. */
export function MembersField({ members, councillors, errorMessage, onChange }: MembersFieldProps): JSX.Element {
  const styles = screenStyles(useTheme());
  // The site's councillors, plus anyone already named who has since left the group.
  const people = councillors.concat(members.filter((m) => !councillors.some((c) => c.id === m.id)));
  const options: IComboBoxOption[] = people.map((p) => ({ key: String(p.id), text: p.displayName }));
  const toggle = (key: string, selected: boolean): void => {
    const others = members.filter((m) => String(m.id) !== key);
    const person = people.filter((p) => String(p.id) === key)[0];
    onChange(selected && person ? others.concat([person]) : others);
  };
  return (
    <div id={fieldId('members')}>
      <ComboBox
        id={`${fieldId('members')}-box`}
        label="Elected members who made the visit"
        required={true}
        multiSelect={true}
        allowFreeform={false}
        autoComplete="on"
        options={options}
        selectedKey={members.map((m) => String(m.id))}
        onChange={(_, option) => option && toggle(String(option.key), !!option.selected)}
        placeholder="Choose councillors"
        aria-describedby={`${fieldId('members')}-hint`}
        errorMessage={errorMessage}
        styles={{ root: { maxWidth: 480 } }}
      />
      <p id={`${fieldId('members')}-hint`} className={styles.line}>
        Type a name or open the list, then choose each councillor. {members.length ? `Chosen: ${peopleText(members)}.` : 'Nobody chosen yet.'}
      </p>
    </div>
  );
}
