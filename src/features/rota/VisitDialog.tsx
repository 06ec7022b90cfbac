import * as React from 'react';
import { DefaultButton, Dialog, DialogFooter, DialogType, Dropdown, PrimaryButton, TextField } from '@fluentui/react';
import type { FrontlineTeam, Person } from '../../domain/types';
import { formatDateInput, parseDateInput } from '../../report/packPeriod';
import { AddMemberByEmail } from '../councillor/visitForm/AddMemberByEmail';
import { ScreenVisit } from './rotaModel';

export interface VisitDialogProps {
  /** The visit to change, or a new one's starting values (no id). */
  visit: ScreenVisit;
  isNew: boolean;
  teams: ReadonlyArray<FrontlineTeam>;
  councillors: ReadonlyArray<Person>;
  findPerson(email: string): Promise<Person | undefined>;
  onDone(visit: ScreenVisit, date: string): void;
  onDismiss(): void;
}

interface Problems {
  date?: string;
  team?: string;
}

function checkInput(dateText: string, teamId: number): { date?: string; problems: Problems } {
  const date = parseDateInput(dateText);
  const problems: Problems = {};
  if (!date) {
    problems.date = 'Enter the visit date as day/month/year, for example 14/05/2027.';
  }
  if (!teamId) {
    problems.team = 'Choose the team to visit.';
  }
  return { date, problems };
}

/** Add a visit, or move one and change who goes: the date, the team (new visits) and the councillors. */
export function VisitDialog({ visit, isNew, teams, councillors, findPerson, onDone, onDismiss }: VisitDialogProps): JSX.Element {
  const [dateText, setDateText] = React.useState(isNew ? '' : formatDateInput(visit.visitDate));
  const [teamId, setTeamId] = React.useState(visit.teamId);
  const [members, setMembers] = React.useState<Person[]>(visit.members);
  const [problems, setProblems] = React.useState<Problems>({});
  const people = councillors.concat(members.filter((m) => !councillors.some((c) => c.id === m.id)));
  const done = (): void => {
    const checked = checkInput(dateText, teamId);
    setProblems(checked.problems);
    if (checked.date && !checked.problems.team) {
      const team = teams.filter((t) => t.id === teamId)[0];
      onDone({ ...visit, teamId, teamTitle: team ? team.title : visit.teamTitle, members }, checked.date);
    }
  };
  return (
    <Dialog
      hidden={false}
      onDismiss={onDismiss}
      dialogContentProps={{ type: DialogType.normal, title: isNew ? 'Add a visit' : `Change the visit to ${visit.teamTitle}` }}
      modalProps={{ isBlocking: true }}
      minWidth={280}
      maxWidth={560}
    >
      <TextField
        id="fv-rota-date"
        label="Visit date (day/month/year)"
        required={true}
        value={dateText}
        onChange={(_, v) => setDateText(v || '')}
        errorMessage={problems.date}
      />
      {isNew && (
        <Dropdown
          id="fv-rota-team"
          label="Team"
          required={true}
          options={teams.filter((t) => t.isActive).map((t) => ({ key: t.id, text: t.title }))}
          selectedKey={teamId || null}
          onChange={(_, option) => option && setTeamId(Number(option.key))}
          errorMessage={problems.team}
        />
      )}
      <Dropdown
        id="fv-rota-members"
        label="Councillors"
        multiSelect={true}
        options={people.map((p) => ({ key: p.id, text: p.displayName }))}
        selectedKeys={members.map((m) => m.id)}
        onChange={(_, option) => {
          if (!option) {
            return;
          }
          const person = people.filter((p) => p.id === Number(option.key))[0];
          setMembers(option.selected && person ? members.concat([person]) : members.filter((m) => m.id !== Number(option.key)));
        }}
      />
      <AddMemberByEmail members={members} findPerson={findPerson} onChange={setMembers} />
      <DialogFooter>
        <PrimaryButton text={isNew ? 'Add the visit' : 'Keep these changes'} onClick={done} />
        <DefaultButton text="Cancel" onClick={onDismiss} />
      </DialogFooter>
    </Dialog>
  );
}
