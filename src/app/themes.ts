import { createTheme, ITheme } from '@fluentui/react';
import type { AppContext } from './AppContext';

/** Teams' dark and high-contrast palettes, so the tab follows the client's theme. */
const TEAMS_DARK = createTheme({
  palette: {
    themePrimary: '#7f85f5',
    themeLighterAlt: '#1b1b2a',
    themeDarkAlt: '#9ca1f7',
    themeDark: '#b4b8f9',
    neutralPrimary: '#ffffff',
    neutralPrimaryAlt: '#e0e0e0',
    neutralSecondary: '#d6d6d6',
    neutralTertiary: '#adadad',
    neutralLight: '#3d3d3d',
    neutralLighter: '#2e2e2e',
    neutralLighterAlt: '#292929',
    white: '#1f1f1f',
    black: '#ffffff'
  },
  semanticColors: {
    bodyBackground: '#1f1f1f',
    bodyText: '#ffffff',
    errorText: '#f9b5b5',
    link: '#b4b8f9',
    linkHovered: '#d4d6fb'
  },
  isInverted: true
});

const TEAMS_CONTRAST = createTheme({
  palette: {
    themePrimary: '#ffff01',
    themeDarkAlt: '#ffff01',
    themeDark: '#ffff01',
    neutralPrimary: '#ffffff',
    neutralSecondary: '#ffffff',
    neutralTertiary: '#ffffff',
    neutralLight: '#ffffff',
    neutralLighter: '#000000',
    neutralLighterAlt: '#000000',
    white: '#000000',
    black: '#ffffff'
  },
  semanticColors: {
    bodyBackground: '#000000',
    bodyText: '#ffffff',
    errorText: '#ffff01',
    link: '#ffff01',
    linkHovered: '#ffff01'
  },
  isInverted: true
});

const LIGHT = createTheme({});

export function themeFor(context: Pick<AppContext, 'host' | 'teamsTheme' | 'theme'>): ITheme {
  if (context.host === 'teams') {
    return context.teamsTheme === 'dark' ? TEAMS_DARK : context.teamsTheme === 'contrast' ? TEAMS_CONTRAST : LIGHT;
  }
  return context.theme ? createTheme(context.theme as Parameters<typeof createTheme>[0]) : LIGHT;
}
