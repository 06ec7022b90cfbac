import * as React from 'react';
import { ComboBox, IComboBoxOption, useTheme } from '@fluentui/react';
import { Person } from '../../../domain/types';
import { memberChoices, peopleText } from '../../common/people';
import { screenStyles } from '../../common/styles';
import { fieldId } from '../visitFormModel';
import { AddMemberByEmail } from './AddMemberByEmail';

export interface MembersFieldProps {
  members: Person[];
  /** The site's councillors the reader may list (the Frontline Visit Members group's people). */
  councillors: Person[];
  /** The signed-in councillor, always offered (they may belong through an Entra group). */
  me?: Person;
  /** Entra groups in the members' group, whose people SharePoint does not list one by one. */
  councillorGroups: string[];
  errorMessage?: string;
  onChange(members: Person[]): void;
  /** Looks a councillor up by work email, for those the list cannot show (in through an Entra group). */
  findPerson?(email: string): Promise<Person | undefined>;
}

/** The elected members who made the visit: a multi-select ComboBox of the site's councillors. */
export function MembersField({ members, councillors, me, councillorGroups, errorMessage, onChange, findPerson }: MembersFieldProps): JSX.Element {
  const styles = screenStyles(useTheme());
  // The site's councillors, the signed-in councillor, and anyone already named (who may have left the group).
  const people = memberChoices(councillors, me, members);
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
        {councillorGroups.length > 0 &&
          ` Councillors who belong through ${peopleText(
            councillorGroups.map((g) => ({ id: 0, displayName: g, email: '' })),
            '',
          )} are listed once they are booked on this visit in the rota${findPerson ? ', or add them by work email below' : ''}.`}
      </p>
      {findPerson && councillorGroups.length > 0 && <AddMemberByEmail members={members} findPerson={findPerson} onChange={onChange} />}
    </div>
  );
}
