import * as React from 'react';
import type { CouncilTemplate } from './TemplateChooser';

export interface CouncilTemplateState {
  template?: CouncilTemplate;
  error: string;
  choose(file: File): Promise<void>;
  clear(): void;
}

/** A council template chosen on screen, checked for its placeholders as soon as it is chosen. */
export function useCouncilTemplate(): CouncilTemplateState {
  const [template, setTemplate] = React.useState<CouncilTemplate | undefined>();
  const [error, setError] = React.useState('');
  const choose = async (file: File): Promise<void> => {
    setError('');
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { checkTemplate } = await import(/* webpackChunkName: 'committee-pack' */ '../../report/agendaDocx');
      await checkTemplate(bytes);
      setTemplate({ name: file.name, bytes });
    } catch (failure) {
      setTemplate(undefined);
      // A refused template's message lists the placeholders missing and unknown.
      setError(failure instanceof Error && failure.name === 'TemplateError' ? failure.message : 'The template could not be read. Choose a Word (.docx) file.');
    }
  };
  return { template, error, choose, clear: () => setTemplate(undefined) };
}
