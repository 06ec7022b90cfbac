import * as React from 'react';
import { Dropdown, IDropdownOption } from '@fluentui/react';
import { FrontlineTeam } from '../../../domain/types';
import { fieldId } from '../visitFormModel';

export interface TeamFieldProps {
  teams: FrontlineTeam[];
  teamId?: number;
  errorMessage?: string;
  onChange(teamId: number): void;
}

/** The team visited: the active teams, plus the one already chosen if it has since closed. */
export function TeamField({ teams, teamId, errorMessage, onChange }: TeamFieldProps): JSX.Element {
  const options: IDropdownOption[] = teams.filter((t) => t.isActive || t.id === teamId).map((t) => ({ key: t.id, text: t.title }));
  return (
    <Dropdown
      id={fieldId('teamId')}
      label="Team visited"
      required={true}
      placeholder="Choose a team"
      options={options}
      selectedKey={teamId === undefined ? null : teamId}
      onChange={(_, option) => option && onChange(Number(option.key))}
      errorMessage={errorMessage}
      styles={{ root: { maxWidth: 480 } }}
    />
  );
}
