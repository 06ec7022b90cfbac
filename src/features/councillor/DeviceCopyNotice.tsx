import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType } from '@fluentui/react';
import { textFieldsShownOn, textOf } from '../../domain/reportFields';
import { VisitReportForm } from '../../domain/types';
import { PlainText } from '../common/PlainText';
import { browserStorage, DraftKey, DraftStore } from './draftStore';
import { sameForm } from './visitFormModel';

/**
 * A report that can no longer be edited (submitted, perhaps from another device) while this
 * device still holds text that never reached the list: show it so nothing is lost silently, and
 * let the person discard it once they have what they need.
 */
export function DeviceCopyNotice({ userEmail, draftKey, saved }: { userEmail: string; draftKey: DraftKey; saved: VisitReportForm }): JSX.Element | null {
  const store = React.useMemo(() => new DraftStore(browserStorage(), userEmail), [userEmail]);
  const [copy, setCopy] = React.useState(() => {
    const local = store.load(draftKey);
    if (local && sameForm(local.form, saved)) {
      // The list has exactly this text: the copy only outlived a save whose answer never came.
      store.remove(draftKey);
      return undefined;
    }
    return local;
  });
  if (!copy) {
    return null;
  }
  const parts: Array<[string, string]> = textFieldsShownOn('form').map((field) => [field.label, textOf(copy.form, field)]);
  const written = parts.filter(([, text]) => !!text && !!text.trim());
  return (
    <MessageBar
      messageBarType={MessageBarType.warning}
      isMultiline={true}
      actions={
        <div>
          <DefaultButton
            text="Discard the text on this device"
            onClick={() => {
              store.remove(draftKey);
              setCopy(undefined);
            }}
          />
        </div>
      }
    >
      This device still has text for this report that was not saved before the report was submitted. The report can no longer be changed: copy anything you need
      from below, then discard it.
      <details>
        <summary>Show the text kept on this device</summary>
        {written.map(([label, text]) => (
          <div key={label}>
            <strong>{label}</strong>
            <PlainText text={text} />
          </div>
        ))}
      </details>
    </MessageBar>
  );
}
