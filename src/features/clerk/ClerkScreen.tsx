import * as React from 'react';
import { Checkbox, DefaultButton, MessageBar, MessageBarType, PrimaryButton, Spinner, SpinnerSize, Stack, TextField, useTheme } from '@fluentui/react';
import type { StartPageProps } from '../../app/startPages';
import type { FrontlineTeam } from '../../domain/types';
import { renderPackCsv, CSV_MIME_TYPE } from '../../report/packCsv';
import { loadTeams } from '../../report/packData';
import { packOutline } from '../../report/packOutline';
import { plural } from '../../report/packText';
import { defaultPackPeriod, formatDateInput, parseDateInput, validatePeriod } from '../../report/packPeriod';
import type { PackModel, PackRequest } from '../../report/packTypes';
import { packFileName, preparePack } from '../../report/preparePack';
import { ErrorSummary, ErrorSummaryItem } from '../common/ErrorSummary';
import { screenStyles } from '../common/styles';
import { readCommitteeDate, writeCommitteeDate } from './committeeDateStore';
import { PackPreview } from './PackPreview';
import { saveFile } from './saveFile';

const FIELD_IDS = { committeeDate: 'fv-committee-date', from: 'fv-period-from', to: 'fv-period-to' } as const;

const DOWNLOADS = [
  { kind: 'docx', text: 'Download Word (.docx)', busyText: 'Making the Word document…', icon: 'WordDocument' },
  { kind: 'csv', text: 'Download CSV', busyText: 'Making the CSV…', icon: 'Table' }
] as const;

type Preview =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; model: PackModel; key: string }
  | { status: 'failed'; message: string };

type TeamsState = { status: 'loading' } | { status: 'ready'; teams: FrontlineTeam[] } | { status: 'failed' };

function requestKey(request: PackRequest): string {
  return JSON.stringify([request.from, request.to, request.committeeDate || '', (request.teamIds || []).slice().sort((a, b) => a - b)]);
}

interface Choices {
  committeeText: string;
  fromText: string;
  toText: string;
}

/** The clerk's typed dates checked: a message per field, linked from the error summary. */
function validate({ committeeText, fromText, toText }: Choices): ErrorSummaryItem[] {
  const errors: ErrorSummaryItem[] = [];
  if (committeeText.trim() && !parseDateInput(committeeText)) {
    errors.push({ targetId: FIELD_IDS.committeeDate, message: 'Enter the committee date as a real date, for example 14/01/2027, or leave it empty if it is not yet fixed.' });
  }
  const from = parseDateInput(fromText);
  const to = parseDateInput(toText);
  if (!from) {
    errors.push({ targetId: FIELD_IDS.from, message: 'Enter the first day of the period as a date, for example 01/07/2026.' });
  }
  if (!to) {
    errors.push({ targetId: FIELD_IDS.to, message: 'Enter the last day of the period as a date, for example 31/12/2026.' });
  }
  const period = from && to ? validatePeriod(from, to) : undefined;
  if (period) {
    errors.push({ targetId: FIELD_IDS.from, message: period });
  }
  return errors;
}

/**
 * The committee clerk's screen: choose the committee date, the period and (optionally) teams,
 * see what the pack will hold, and download it as Word or CSV. Word is built in the browser by
 * code loaded only when the clerk asks for it.
 */
export default function ClerkScreen({ context, data, today }: StartPageProps): JSX.Element {
  const theme = useTheme();
  const styles = screenStyles(theme);
  const [stored] = React.useState(() => readCommitteeDate(context.siteUrl));
  const [committeeText, setCommitteeText] = React.useState(stored ? formatDateInput(stored) : '');
  const [fromText, setFromText] = React.useState(() => formatDateInput(defaultPackPeriod(stored || today).from));
  const [toText, setToText] = React.useState(() => formatDateInput(defaultPackPeriod(stored || today).to));
  const [teamIds, setTeamIds] = React.useState<number[]>([]);
  const [teams, setTeams] = React.useState<TeamsState>({ status: 'loading' });
  const [errors, setErrors] = React.useState<ErrorSummaryItem[]>([]);
  const [preview, setPreview] = React.useState<Preview>({ status: 'idle' });
  const [working, setWorking] = React.useState<'docx' | 'csv' | undefined>();
  const [announcement, setAnnouncement] = React.useState('');
  const [downloadError, setDownloadError] = React.useState('');

  const committeeDate = parseDateInput(committeeText);
  const request: PackRequest = { from: parseDateInput(fromText) || '', to: parseDateInput(toText) || '', committeeDate, teamIds, today };
  const currentKey = requestKey(request);

  React.useEffect(() => {
    let live = true;
    loadTeams(context.sp)
      .then((list) => live && setTeams({ status: 'ready', teams: list }))
      .catch((error: Error) => {
        // eslint-disable-next-line no-console
        console.error('Frontline Visits: could not load the teams for the committee pack', error);
        if (live) {
          setTeams({ status: 'failed' });
        }
      });
    return () => {
      live = false;
    };
  }, [context.sp]);

  const showPack = async (): Promise<PackModel | undefined> => {
    const found = validate({ committeeText, fromText, toText });
    setErrors(found);
    if (found.length) {
      return undefined;
    }
    const key = currentKey;
    setPreview({ status: 'loading' });
    setAnnouncement('Reading the visits for the pack…');
    try {
      const model = await preparePack(context.sp, request);
      setPreview({ status: 'ready', model, key });
      const c = model.counts;
      setAnnouncement(`The pack is ready to check: ${plural(c.visitsHeld, 'visit', 'visits')} held, ${c.visitsNotHeld} not held, ${plural(c.reportsSubmitted, 'report', 'reports')}.`);
      return model;
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not read the lists for the committee pack', request, error);
      setPreview({
        status: 'failed',
        message: 'We could not read the visits for the pack. Check your connection and try again. If it happens again, tell the Children’s Improvement Team.'
      });
      setAnnouncement('');
      return undefined;
    }
  };

  React.useEffect(() => {
    void showPack();
    // Show the default pack once on arrival; after that the clerk asks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const download = async (kind: 'docx' | 'csv'): Promise<void> => {
    setDownloadError('');
    setWorking(kind);
    try {
      const model = preview.status === 'ready' && preview.key === currentKey ? preview.model : await showPack();
      if (!model) {
        return;
      }
      if (kind === 'docx') {
        const { renderPackDocx, DOCX_MIME_TYPE } = await import(/* webpackChunkName: 'committee-pack' */ '../../report/packDocx');
        saveFile(await renderPackDocx(model), packFileName(model, 'docx'), DOCX_MIME_TYPE);
        setAnnouncement(`Word document ${packFileName(model, 'docx')} downloaded.`);
      } else {
        saveFile(renderPackCsv(model), packFileName(model, 'csv'), CSV_MIME_TYPE);
        setAnnouncement(`CSV file ${packFileName(model, 'csv')} downloaded.`);
      }
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error(`Frontline Visits: could not build the ${kind} committee pack`, error);
      setDownloadError('The file could not be made. Try again; if it happens again, tell the Children’s Improvement Team.');
    } finally {
      setWorking(undefined);
    }
  };

  const onCommitteeDate = (text: string): void => {
    setCommitteeText(text);
    const date = parseDateInput(text);
    // Remember a real date, forget a cleared one; leave the stored one alone while typing.
    if (date || !text.trim()) {
      writeCommitteeDate(context.siteUrl, date);
    }
    if (date) {
      const period = defaultPackPeriod(date);
      setFromText(formatDateInput(period.from));
      setToText(formatDateInput(period.to));
    }
  };

  const errorFor = (id: string): string | undefined => errors.filter((e) => e.targetId === id).map((e) => e.message)[0];
  const stale = preview.status === 'ready' && preview.key !== currentKey;
  const fieldStyles = { root: { width: '16rem', maxWidth: '100%' } };

  return (
    <section aria-labelledby="fv-clerk-heading">
      <h1 id="fv-clerk-heading" className={styles.heading} tabIndex={-1}>
        Committee report pack
      </h1>
      <p className={styles.line}>
        Signed in as {data.user.displayName}. Build the six-monthly report to the Children and Families Overview and Scrutiny Committee: the visits, what
        staff said, the Head of Service’s responses, the safety scales and the rota ahead.
      </p>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        aria-labelledby="fv-clerk-choose"
        onSubmit={(event) => {
          event.preventDefault();
          void showPack();
        }}
      >
        <h2 id="fv-clerk-choose" className={styles.sectionHeading}>
          Choose the pack
        </h2>
        <Stack tokens={{ childrenGap: 12 }}>
          <TextField
            id={FIELD_IDS.committeeDate}
            label="Date of the next committee meeting"
            description="For example 14/01/2027. Kept in this browser for next time. Setting it sets the period to the six whole months before the meeting’s month."
            value={committeeText}
            onChange={(_, value) => onCommitteeDate(value || '')}
            errorMessage={errorFor(FIELD_IDS.committeeDate)}
            styles={fieldStyles}
          />
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
            <TextField
              id={FIELD_IDS.from}
              label="Period from"
              description="For example 01/07/2026"
              required
              value={fromText}
              onChange={(_, value) => setFromText(value || '')}
              errorMessage={errorFor(FIELD_IDS.from)}
              styles={fieldStyles}
            />
            <TextField
              id={FIELD_IDS.to}
              label="Period to"
              description="For example 31/12/2026"
              required
              value={toText}
              onChange={(_, value) => setToText(value || '')}
              errorMessage={errorFor(FIELD_IDS.to)}
              styles={fieldStyles}
            />
          </div>
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
                    onChange={(_, checked) => setTeamIds((ids) => (checked ? ids.concat(team.id) : ids.filter((id) => id !== team.id)))}
                  />
                ))}
              </Stack>
            )}
          </fieldset>
          <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
            <PrimaryButton type="submit" text="Show the pack" disabled={preview.status === 'loading'} />
            {DOWNLOADS.map((d) => (
              <DefaultButton
                key={d.kind}
                text={working === d.kind ? d.busyText : d.text}
                iconProps={{ iconName: d.icon }}
                onClick={() => void download(d.kind)}
                disabled={!!working || preview.status === 'loading'}
              />
            ))}
          </Stack>
        </Stack>
      </form>
      <div role="status" aria-live="polite" style={{ margin: '8px 0' }} data-testid="clerk-status">
        {announcement}
      </div>
      {downloadError && <MessageBar messageBarType={MessageBarType.error}>{downloadError}</MessageBar>}
      <section aria-labelledby="fv-clerk-preview">
        <h2 id="fv-clerk-preview" className={styles.sectionHeading}>
          What the pack will hold
        </h2>
        {preview.status === 'loading' && <Spinner size={SpinnerSize.large} label="Reading the visits…" />}
        {preview.status === 'failed' && (
          <Stack tokens={{ childrenGap: 8 }} horizontalAlign="start">
            <MessageBar messageBarType={MessageBarType.error}>{preview.message}</MessageBar>
            <DefaultButton text="Try again" onClick={() => void showPack()} />
          </Stack>
        )}
        {stale && (
          <MessageBar messageBarType={MessageBarType.info}>
            You have changed your choices since this preview. Choose “Show the pack” to see the new one; the downloads use your new choices.
          </MessageBar>
        )}
        {preview.status === 'ready' && (
          <div data-testid="pack-preview">
            <PackPreview blocks={packOutline(preview.model)} />
          </div>
        )}
      </section>
    </section>
  );
}
