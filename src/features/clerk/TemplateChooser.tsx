import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Stack, useTheme } from '@fluentui/react';
import { screenStyles } from '../common/styles';

export interface CouncilTemplate {
  name: string;
  bytes: Uint8Array;
}

export interface TemplateChooserProps {
  template?: CouncilTemplate;
  error: string;
  onChoose(file: File): void;
  onClear(): void;
}

/** The council's own Word template, chosen for this download; without one the built-in layout is used. */
export function TemplateChooser({ template, error, onChoose, onClear }: TemplateChooserProps): JSX.Element {
  const styles = screenStyles(useTheme());
  return (
    <Stack tokens={{ childrenGap: 6 }}>
      <label htmlFor="fv-council-template" style={{ fontWeight: 600 }}>
        Council template (optional, .docx)
      </label>
      <p className={styles.line} id="fv-council-template-help">
        {template ? `Using ${template.name}.` : 'Without one, the report uses the built-in layout.'} The template needs the placeholders listed in the admin
        guide.
      </p>
      <input
        id="fv-council-template"
        type="file"
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        aria-describedby="fv-council-template-help"
        onChange={(event) => {
          const file = event.target.files && event.target.files[0];
          if (file) {
            onChoose(file);
          }
        }}
      />
      {template && <DefaultButton text="Use the built-in layout" onClick={onClear} styles={{ root: { alignSelf: 'flex-start' } }} />}
      {error && <MessageBar messageBarType={MessageBarType.error}>{error}</MessageBar>}
    </Stack>
  );
}
