import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { CSV_MIME_TYPE, renderPackCsv } from '../../report/packCsv';
import { plural } from '../../report/packText';
import type { PackModel } from '../../report/packTypes';
import { packFileName, preparePack } from '../../report/preparePack';
import type { AgendaSlots } from '../../report/agendaSlots';
import type { CommitteeReport } from '../../report/committeeReport';
import type { RasteriseSvg } from '../../report/scaleChart';
import type { ErrorSummaryItem } from '../common/ErrorSummary';
import { validateChoices } from './packChoices';
import type { PackChoicesState } from './usePackChoices';
import { saveFile } from './saveFile';
import { rasteriseSvgInBrowser } from './rasteriseInBrowser';

export type Preview = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; model: PackModel; key: string } | { status: 'failed'; message: string };

export type DownloadKind = 'docx' | 'csv';

export interface PackState {
  errors: ErrorSummaryItem[];
  preview: Preview;
  /** The preview was made for other choices than the ones on screen now. */
  stale: boolean;
  /** Said to screen readers (a polite live region). */
  announcement: string;
  working?: DownloadKind;
  downloadError: string;
  showPack(): Promise<PackModel | undefined>;
  download(kind: DownloadKind): Promise<void>;
}

/**
 * The pack for the clerk's choices: checked, read, previewed, and downloaded as Word (built by
 * code loaded only when asked for) or CSV. The default pack is shown once on arrival.
 */
export function usePack(sp: SPFI, choices: PackChoicesState, renderWord: (model: PackModel) => Promise<Uint8Array>): PackState {
  const [errors, setErrors] = React.useState<ErrorSummaryItem[]>([]);
  const [preview, setPreview] = React.useState<Preview>({ status: 'idle' });
  const [announcement, setAnnouncement] = React.useState('');
  const showPack = async (): Promise<PackModel | undefined> => {
    const found = validateChoices(choices);
    setErrors(found);
    if (found.length) {
      return undefined;
    }
    const { request, currentKey: key } = choices;
    setPreview({ status: 'loading' });
    setAnnouncement('Reading the visits for the pack…');
    try {
      const model = await preparePack(sp, request);
      setPreview({ status: 'ready', model, key });
      const c = model.counts;
      setAnnouncement(
        `The pack is ready to check: ${plural(c.visitsHeld, 'visit', 'visits')} held, ${c.visitsNotHeld} not held, ${plural(c.reportsSubmitted, 'report', 'reports')}.`,
      );
      return model;
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not read the lists for the committee pack', request, error);
      setPreview({
        status: 'failed',
        message: 'We could not read the visits for the pack. Check your connection and try again. If it happens again, tell the Children’s Improvement Team.',
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
  const current = preview.status === 'ready' && preview.key === choices.currentKey ? preview.model : undefined;
  const downloads = usePackDownloads(() => (current ? Promise.resolve(current) : showPack()), setAnnouncement, renderWord);
  return { errors, preview, stale: preview.status === 'ready' && !current, announcement, showPack, ...downloads };
}

function usePackDownloads(
  packForChoices: () => Promise<PackModel | undefined>,
  announce: (text: string) => void,
  renderWord: (model: PackModel) => Promise<Uint8Array>,
) {
  const [working, setWorking] = React.useState<DownloadKind | undefined>();
  const [downloadError, setDownloadError] = React.useState('');
  const download = async (kind: DownloadKind): Promise<void> => {
    setDownloadError('');
    setWorking(kind);
    try {
      const model = await packForChoices();
      if (!model) {
        return;
      }
      if (kind === 'docx') {
        saveFile(await renderWord(model), packFileName(model, 'docx'), DOCX_MIME_TYPE);
        announce(`Word document ${packFileName(model, 'docx')} downloaded.`);
      } else {
        saveFile(renderPackCsv(model), packFileName(model, 'csv'), CSV_MIME_TYPE);
        announce(`CSV file ${packFileName(model, 'csv')} downloaded.`);
      }
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error(`Frontline Visits: could not build the ${kind} committee pack`, error);
      // A council template refused at the last moment says which placeholders are wrong.
      const refused = error instanceof Error && error.name === 'TemplateError' ? `${error.message} ` : '';
      setDownloadError(`${refused}The file could not be made. Try again; if it happens again, tell the Children’s Improvement Team.`);
    } finally {
      setWorking(undefined);
    }
  };
  return { working, downloadError, download };
}

/** The MIME type of a Word document, for the download. */
const DOCX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The committee report's Word file for a pack: the same call the command line makes, with the
 * Word code loaded only now (webpack chunk 'committee-pack'). The chart's PNG copy is drawn on
 * the browser's canvas; Node (tests) hands in resvg instead.
 */
export async function renderWordReport(
  model: PackModel,
  report: CommitteeReport,
  template?: Uint8Array,
  rasterise: RasteriseSvg = rasteriseSvgInBrowser,
): Promise<Uint8Array> {
  const [{ renderCommitteeReport }, { reportWithDrafts }, { collectAgendaSlots }] = await Promise.all([
    import(/* webpackChunkName: 'committee-pack' */ '../../report/agendaDocx'),
    import(/* webpackChunkName: 'committee-pack' */ '../../report/agendaDrafts'),
    import(/* webpackChunkName: 'committee-pack' */ '../../report/agendaSlots'),
  ]);
  const slots: AgendaSlots = collectAgendaSlots(model);
  return renderCommitteeReport(model, reportWithDrafts(report, model), { template, slots, rasterise });
}
