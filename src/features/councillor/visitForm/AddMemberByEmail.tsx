import * as React from 'react';
import { DefaultButton, Stack, TextField, useTheme } from '@fluentui/react';
import { Person } from '../../../domain/types';
import { screenStyles } from '../../common/styles';
import { fieldId } from '../visitFormModel';

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface AddMemberByEmailProps {
  members: Person[];
  findPerson(email: string): Promise<Person | undefined>;
  onChange(members: Person[]): void;
}

/**
 * Names a councillor the list cannot show — one who belongs through an Entra security group,
 * which SharePoint lists as the group, not its people — by their work email.
 */
export function AddMemberByEmail({ members, findPerson, onChange }: AddMemberByEmailProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const [email, setEmail] = React.useState('');
  const [lookup, setLookup] = React.useState<{ busy: boolean; error?: string; added?: string }>({ busy: false });
  const addByEmail = async (): Promise<void> => {
    const address = email.trim();
    if (!EMAIL_PATTERN.test(address)) {
      setLookup({ busy: false, error: 'Enter a work email address, like name@council.gov.uk.' });
      return;
    }
    setLookup({ busy: true });
    try {
      const person = await findPerson(address);
      if (!person) {
        setLookup({
          busy: false,
          error: `We could not find ${address} in the council's directory. Check the address, or ask the improvement team to book them on the rota.`,
        });
        return;
      }
      if (!members.some((m) => m.id === person.id)) {
        onChange(members.concat([person]));
      }
      setEmail('');
      setLookup({ busy: false, added: `${person.displayName} is chosen.` });
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not look up a councillor by email', { email: address, error });
      setLookup({ busy: false, error: 'We could not look that address up just now. Check your connection and try again; what you typed is kept.' });
    }
  };
  return (
    <>
      <Stack horizontal={true} wrap={true} verticalAlign="end" tokens={{ childrenGap: 8 }}>
        <TextField
          id={`${fieldId('members')}-email`}
          label="Add another councillor by work email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(_, value) => setEmail(value || '')}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              // Enter adds the councillor; it must not submit the whole form.
              event.preventDefault();
              void addByEmail();
            }
          }}
          errorMessage={lookup.error}
          styles={{ root: { minWidth: 240, maxWidth: 360 } }}
        />
        <DefaultButton
          text={lookup.busy ? 'Adding…' : 'Add councillor'}
          disabled={lookup.busy}
          onClick={() => void addByEmail()}
          styles={{ root: { minHeight: 44 } }}
        />
      </Stack>
      <p role="status" className={styles.line} data-testid="members-lookup-status">
        {lookup.added || ''}
      </p>
    </>
  );
}
