import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { ActionButton, DefaultButton, Dropdown, MessageBar, MessageBarType, Stack, TextField } from '@fluentui/react';
import { formatShortDate } from '../../domain/calendarDate';
import type { Person, UnavailableDates } from '../../domain/types';
import { useUnavailableDatesService } from '../../data/hooks/useUnavailableDatesService';
import { parseDateInput } from '../../report/packPeriod';
import { screenStyles } from '../common/styles';
import { VisuallyHidden } from '../common/VisuallyHidden';

export interface UnavailableDatesSectionProps {
  sp: SPFI;
  /** What the year on screen holds: everyone's for editors, the councillor's own otherwise. */
  entries: ReadonlyArray<UnavailableDates>;
  /** Whom dates may be entered for: the councillor alone, or every councillor for editors. */
  people: ReadonlyArray<Person>;
  me: Person;
  canEditAll: boolean;
  styles: ReturnType<typeof screenStyles>;
  onChanged(): void;
}

function rangeText(entry: UnavailableDates): string {
  return entry.from === entry.to ? formatShortDate(entry.from) : `${formatShortDate(entry.from)} to ${formatShortDate(entry.to)}`;
}

/** Days councillors cannot do, which the planner avoids: a councillor keeps their own, editors anyone's. */
export function UnavailableDatesSection(props: UnavailableDatesSectionProps): JSX.Element {
  const { entries, people, me, canEditAll, styles } = props;
  const service = useUnavailableDatesService(props.sp);
  const [form, setForm] = React.useState({ councillorId: canEditAll ? 0 : me.id, from: '', to: '', note: '' });
  const [message, setMessage] = React.useState<{ error: boolean; text: string } | undefined>();
  const add = async (): Promise<void> => {
    const from = parseDateInput(form.from);
    const to = form.to.trim() ? parseDateInput(form.to) : from;
    if (!form.councillorId || !from || !to) {
      setMessage({ error: true, text: !form.councillorId ? 'Choose the councillor.' : 'Enter the dates as day/month/year, for example 14/05/2027.' });
      return;
    }
    try {
      await service.add({ councillorId: form.councillorId, from, to, note: form.note });
      setForm({ ...form, from: '', to: '', note: '' });
      setMessage({ error: false, text: `Added: ${from === to ? formatShortDate(from) : `${formatShortDate(from)} to ${formatShortDate(to)}`}.` });
      props.onChanged();
    } catch (error) {
      setMessage({ error: true, text: (error as Error).message });
    }
  };
  const remove = (entry: UnavailableDates): void => {
    service.remove(entry.id).then(
      () => {
        setMessage({ error: false, text: `Removed: ${rangeText(entry)}.` });
        props.onChanged();
      },
      (error: Error) => setMessage({ error: true, text: error.message }),
    );
  };
  const mayRemove = (entry: UnavailableDates): boolean => canEditAll || (!!entry.enteredBy && entry.enteredBy.id === me.id);
  return (
    <section aria-labelledby="fv-unavailable" data-testid="unavailable-dates">
      <h2 id="fv-unavailable" className={styles.sectionHeading}>
        {canEditAll ? 'Dates councillors cannot do' : 'Dates I cannot do'}
      </h2>
      <p className={styles.line}>The rota planner avoids these days when it proposes next year’s visits.</p>
      {entries.length === 0 ? (
        <p className={styles.line}>None entered for this year.</p>
      ) : (
        <ul className={styles.line} style={{ paddingLeft: 20 }}>
          {entries.map((entry) => (
            <li key={entry.id}>
              {canEditAll ? `${entry.councillor.displayName}: ` : ''}
              {rangeText(entry)}
              {entry.note ? ` (${entry.note})` : ''}
              {mayRemove(entry) && (
                <ActionButton styles={{ root: { minHeight: 44 } }} onClick={() => remove(entry)}>
                  Remove<VisuallyHidden>{` ${rangeText(entry)}`}</VisuallyHidden>
                </ActionButton>
              )}
            </li>
          ))}
        </ul>
      )}
      <Stack horizontal={true} wrap={true} verticalAlign="end" tokens={{ childrenGap: 8 }}>
        {canEditAll && (
          <Dropdown
            label="Councillor"
            options={people.map((p) => ({ key: p.id, text: p.displayName }))}
            selectedKey={form.councillorId || null}
            onChange={(_, o) => o && setForm({ ...form, councillorId: Number(o.key) })}
            styles={{ root: { minWidth: 200 } }}
          />
        )}
        <TextField label="First day (day/month/year)" value={form.from} onChange={(_, v) => setForm({ ...form, from: v || '' })} />
        <TextField label="Last day, if more than one" value={form.to} onChange={(_, v) => setForm({ ...form, to: v || '' })} />
        <TextField label="Note (optional)" value={form.note} onChange={(_, v) => setForm({ ...form, note: v || '' })} />
        <DefaultButton text="Add these dates" onClick={() => void add()} styles={{ root: { minHeight: 44 } }} />
      </Stack>
      <div role="status" aria-live="polite">
        {message && <MessageBar messageBarType={message.error ? MessageBarType.error : MessageBarType.success}>{message.text}</MessageBar>}
      </div>
    </section>
  );
}
