import * as React from 'react';
import { Checkbox, Spinner, SpinnerSize, Stack, useTheme } from '@fluentui/react';
import { screenStyles } from '../common/styles';
import type { TeamsState } from './useTeams';

export interface TeamChoicesProps {
  teams: TeamsState;
  teamIds: number[];
  onToggle(teamId: number, ticked: boolean): void;
}

/** A tick box per team; none ticked means every team. */
export function TeamChoices({ teams, teamIds, onToggle }: TeamChoicesProps): JSX.Element {
  const styles = screenStyles(useTheme());
  return (
    <fieldset style={{ border: 0, margin: '8px 0 0', padding: 0, minWidth: 0 }}>
      <legend style={{ fontWeight: 600, padding: '0 0 6px' }}>Teams (leave all unticked for every team)</legend>
      {teams.status === 'loading' && <Spinner size={SpinnerSize.small} label="Loading the teams…" labelPosition="right" />}
      {teams.status === 'failed' && <p className={styles.line}>The list of teams could not be loaded; the pack covers every team.</p>}
      {teams.status === 'ready' && (
        <Stack tokens={{ childrenGap: 8 }}>
          {teams.teams.map((team) => (
            <Checkbox
              key={team.id}
              label={team.isActive ? team.title : `${team.title} (no longer active)`}
              checked={teamIds.indexOf(team.id) !== -1}
              onChange={(_, checked) => onToggle(team.id, !!checked)}
            />
          ))}
        </Stack>
      )}
    </fieldset>
  );
}
