/**
 * The one export path, shared by the clerk's screen and the command line: read the lists, build
 * the model. Rendering (Word, CSV) takes the model, so both callers produce the same pack.
 */
import type { SPFI } from '@pnp/sp';
import { loadPackDataWithThemes } from './themeData';
import { buildPackModel } from './packModel';
import type { PackModel, PackRequest } from './packTypes';

export async function preparePack(sp: SPFI, request: PackRequest): Promise<PackModel> {
  const data = await loadPackDataWithThemes(sp, request);
  return buildPackModel(data, request);
}

/** "committee-pack-2026-04-01-to-2026-09-30.docx" */
export function packFileName(model: PackModel, extension: 'docx' | 'csv'): string {
  return `committee-pack-${model.title.period.from}-to-${model.title.period.to}.${extension}`;
}
