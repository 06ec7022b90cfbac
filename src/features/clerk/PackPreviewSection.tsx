import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, useTheme } from '@fluentui/react';
import type { OutlineBlock } from '../../report/packOutline';
import type { PackModel } from '../../report/packTypes';
import { screenStyles } from '../common/styles';
import { PackPreview } from './PackPreview';
import type { PackState } from './usePack';

/** "What the pack will hold": the preview, or why there is none, and a word when it is out of date. */
export function PackPreviewSection({ pack, outline }: { pack: PackState; outline(model: PackModel): OutlineBlock[] }): JSX.Element {
  const styles = screenStyles(useTheme());
  const { preview } = pack;
  return (
    <section aria-labelledby="fv-clerk-preview">
      <h2 id="fv-clerk-preview" className={styles.sectionHeading}>
        What the pack will hold
      </h2>
      {preview.status === 'loading' && <Spinner size={SpinnerSize.large} label="Reading the visits…" />}
      {preview.status === 'failed' && (
        <Stack tokens={{ childrenGap: 8 }} horizontalAlign="start">
          <MessageBar messageBarType={MessageBarType.error}>{preview.message}</MessageBar>
          <DefaultButton text="Try again" onClick={() => void pack.showPack()} />
        </Stack>
      )}
      {pack.stale && (
        <MessageBar messageBarType={MessageBarType.info}>
          You have changed your choices since this preview. Choose “Show the pack” to see the new one; the downloads use your new choices.
        </MessageBar>
      )}
      {preview.status === 'ready' && (
        <div data-testid="pack-preview">
          <PackPreview blocks={outline(preview.model)} />
        </div>
      )}
    </section>
  );
}
