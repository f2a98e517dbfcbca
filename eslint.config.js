import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.output/**', '.output-*/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Product code uses `browser` from 'wxt/browser' (the polyfill); tests may reach `chrome` directly.
      'no-restricted-globals': ['error', { name: 'chrome', message: "Use `browser` from 'wxt/browser'." }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Never put page text through innerHTML; build nodes instead.' },
        { property: 'outerHTML', message: 'Never put page text through outerHTML; build nodes instead.' },
      ],
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**'],
    // Playwright fixtures without dependencies are written `async ({}, use) => …`.
    rules: { 'no-restricted-properties': 'off', 'no-restricted-globals': 'off', 'no-empty-pattern': 'off' },
  },
);
