import { createTheme, ITheme } from '@fluentui/react';
import type { AppContext } from './AppContext';

/**
 * Teams' dark and high-contrast palettes, so the tab follows the client's theme. Every slot of the
 * ramp is set: a slot left out falls back to Fluent's light value (dark text), which some controls
 * (the Dropdown's chosen value, hover states) use for text.
 */
const TEAMS_DARK = createTheme({
  palette: {
    themePrimary: '#7f85f5',
    themeLighterAlt: '#1b1b2a',
    themeLighter: '#22233a',
    themeLight: '#2f3057',
    themeTertiary: '#4f52a3',
    themeSecondary: '#7075d7',
    themeDarkAlt: '#9ca1f7',
    themeDark: '#b4b8f9',
    themeDarker: '#c9ccfb',
    neutralLighterAlt: '#292929',
    neutralLighter: '#2e2e2e',
    neutralLight: '#3d3d3d',
    neutralQuaternaryAlt: '#474747',
    neutralQuaternary: '#4f4f4f',
    neutralTertiaryAlt: '#6d6d6d',
    neutralTertiary: '#adadad',
    neutralSecondaryAlt: '#c8c8c8',
    neutralSecondary: '#d6d6d6',
    neutralPrimaryAlt: '#e0e0e0',
    neutralPrimary: '#ffffff',
    neutralDark: '#f4f4f4',
    black: '#ffffff',
    white: '#1f1f1f',
  },
  semanticColors: {
    bodyBackground: '#1f1f1f',
    bodyText: '#ffffff',
    errorText: '#f9b5b5',
    link: '#b4b8f9',
    linkHovered: '#d4d6fb',
  },
  isInverted: true,
});

const TEAMS_CONTRAST = createTheme({
  palette: {
    themePrimary: '#ffff01',
    themeLighterAlt: '#000000',
    themeLighter: '#000000',
    themeLight: '#000000',
    themeTertiary: '#ffff01',
    themeSecondary: '#ffff01',
    themeDarkAlt: '#ffff01',
    themeDark: '#ffff01',
    themeDarker: '#ffff01',
    neutralLighterAlt: '#000000',
    neutralLighter: '#000000',
    neutralLight: '#000000',
    neutralQuaternaryAlt: '#000000',
    neutralQuaternary: '#ffffff',
    neutralTertiaryAlt: '#ffffff',
    neutralTertiary: '#ffffff',
    neutralSecondaryAlt: '#ffffff',
    neutralSecondary: '#ffffff',
    neutralPrimaryAlt: '#ffffff',
    neutralPrimary: '#ffffff',
    neutralDark: '#ffffff',
    white: '#000000',
    black: '#ffffff',
  },
  semanticColors: {
    bodyBackground: '#000000',
    bodyText: '#ffffff',
    errorText: '#ffff01',
    link: '#ffff01',
    linkHovered: '#ffff01',
  },
  isInverted: true,
});

const LIGHT = createTheme({});

export function themeFor(context: Pick<AppContext, 'host' | 'teamsTheme' | 'theme'>): ITheme {
  if (context.host === 'teams') {
    return context.teamsTheme === 'dark' ? TEAMS_DARK : context.teamsTheme === 'contrast' ? TEAMS_CONTRAST : LIGHT;
  }
  return context.theme ? createTheme(context.theme as Parameters<typeof createTheme>[0]) : LIGHT;
}
