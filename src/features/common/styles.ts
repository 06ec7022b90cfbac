import { ITheme, mergeStyleSets } from '@fluentui/react';

/**
 * Shared look of the screens: cards that stack on a phone and sit side by side on a desktop,
 * colours from the theme so Teams light, dark and high contrast all read well.
 */
export function screenStyles(theme: ITheme) {
  return mergeStyleSets({
    heading: { fontSize: 24, fontWeight: 600, margin: '8px 0 12px', outline: 'none' },
    sectionHeading: { fontSize: 20, fontWeight: 600, margin: '24px 0 8px' },
    list: {
      listStyle: 'none',
      margin: 0,
      padding: 0,
      display: 'grid',
      gap: 12,
      gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 18rem), 1fr))',
    },
    card: {
      border: `1px solid ${theme.palette.neutralTertiary}`,
      borderRadius: 4,
      padding: 12,
      background: theme.semanticColors.bodyBackground,
      color: theme.semanticColors.bodyText,
      overflowWrap: 'anywhere',
    },
    overdueCard: { borderLeft: `6px solid ${theme.semanticColors.errorText}` },
    cardHeading: { fontSize: 16, fontWeight: 600, margin: '0 0 4px' },
    line: { margin: '4px 0' },
    overdue: { color: theme.semanticColors.errorText, fontWeight: 600 },
    status: { fontWeight: 600 },
    muted: { color: theme.palette.neutralSecondary },
    action: {
      display: 'inline-block',
      marginTop: 8,
      minHeight: 24,
      padding: '4px 0',
      color: theme.semanticColors.link,
      fontWeight: 600,
      textDecoration: 'underline',
      selectors: { ':hover': { color: theme.semanticColors.linkHovered } },
    },
  });
}
