import { themeFor } from '../../../src/app/themes';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('Teams themes', () => {
  const themes = {
    light: themeFor({ host: 'teams', teamsTheme: 'default' }),
    dark: themeFor({ host: 'teams', teamsTheme: 'dark' }),
    contrast: themeFor({ host: 'teams', teamsTheme: 'contrast' }),
  };

  for (const [name, theme] of Object.entries(themes)) {
    it(`${name}: every text colour Fluent controls use reads against the page (4.5:1)`, () => {
      const background = theme.semanticColors.bodyBackground;
      const texts = {
        bodyText: theme.semanticColors.bodyText,
        inputText: theme.semanticColors.inputText,
        menuItemText: theme.semanticColors.menuItemText,
        errorText: theme.semanticColors.errorText,
        link: theme.semanticColors.link,
        neutralPrimary: theme.palette.neutralPrimary,
        neutralPrimaryAlt: theme.palette.neutralPrimaryAlt,
        neutralDark: theme.palette.neutralDark,
        neutralSecondary: theme.palette.neutralSecondary,
        placeholder: theme.semanticColors.inputPlaceholderText,
      };
      const unreadable = Object.entries(texts)
        .filter(([, colour]) => contrast(colour, background) < 4.5)
        .map(([slot, colour]) => `${slot} ${colour} on ${background}: ${contrast(colour, background).toFixed(2)}`);
      expect(unreadable).toEqual([]);
      // The primary button's text on its fill.
      expect(contrast(theme.semanticColors.primaryButtonText, theme.semanticColors.primaryButtonBackground)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
