require('@rushstack/eslint-config/patch/modern-module-resolution');
module.exports = {
  extends: ['@microsoft/eslint-config-spfx/lib/profiles/react'],
  parserOptions: { tsconfigRootDir: __dirname },
  plugins: ['react-hooks'],
  overrides: [
    {
      files: ['*.ts', '*.tsx'],
      parser: '@typescript-eslint/parser',
      parserOptions: {
        project: './tsconfig.node.json',
        ecmaVersion: 2022,
        sourceType: 'module'
      },
      rules: {
        'react-hooks/rules-of-hooks': 2,
        'react-hooks/exhaustive-deps': 1,
        // Browser code must never pull in the sandbox, the bot or the command line.
        'no-restricted-imports': 0
      }
    },
    {
      files: ['src/webparts/**', 'src/app/**', 'src/features/**', 'src/cards/**', 'src/domain/**', 'src/data/**', 'src/report/**', 'src/common/**'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          2,
          { patterns: [{ group: ['**/sandbox/**', '**/bot/**', '**/cli/**', 'node:*', 'fs', 'path', 'http'], message: 'Browser code must not import Node-only code.' }] }
        ]
      }
    },
    {
      // Screens stay in small parts: state and effects in hooks, pieces as components.
      files: ['src/features/**'],
      rules: { 'max-lines-per-function': [2, { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] }
    },
    {
      files: ['test/**', 'scripts/**', 'bench/**', 'src/sandbox/**', 'src/bot/**', 'src/cli/**'],
      rules: { 'no-console': 0, '@rushstack/hoist-jest-mock': 0 }
    }
  ]
};
