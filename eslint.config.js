import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/*
 * Import boundaries (lib/README.md). lib/ is in layers, lowest first: a module may import from the layers below
 * its own, never from its own layer's other folders or from above. Product code never imports test, measurement
 * or entrypoint code. Tests (*.test.ts) may cross the layers: they wire real pieces together.
 */
export const LIB_LAYERS = [
  ['phone', 'net', 'i18n'],
  ['providers'],
  ['settings'],
  ['calllog'],
  ['dial'],
  ['messages'],
  ['page', 'ui'],
];
/** Leaf files (they import nothing) of a higher layer that a folder may still import. */
const LAYER_EXCEPTIONS = {
  // The field vocabulary (no imports) provider files describe their settings in; see lib/settings/field-spec.ts.
  providers: { settings: ['field-spec'] },
};
/** Above lib/providers, a provider is reached through its registry and types only, never its own file. */
const PROVIDERS_FRONT = ['registry', 'types'];
const OUTSIDE_LIB = ['entrypoints', 'components', 'tests', 'scripts', 'bench'];

/** An import source that names `folder` (relative, `@/lib/…`), except its files in `allowed`. */
function folderPattern(folder, allowed = []) {
  const except = allowed.length ? `(?!(?:${allowed.join('|')})(?:\\.[a-z]+)?$)` : '';
  return `(^|/)${folder}(/${except}|$)`;
}

function layerRules(module, layerIndex) {
  const above = LIB_LAYERS.slice(layerIndex)
    .flat()
    .filter((m) => m !== module);
  const below = LIB_LAYERS.slice(0, layerIndex).flat();
  const patterns = [
    ...above.map((m) => ({
      regex: folderPattern(m, LAYER_EXCEPTIONS[module]?.[m]),
      message: `lib/${module} must not import lib/${m} (same or higher layer; see lib/README.md).`,
    })),
    {
      regex: `(^|/)(${OUTSIDE_LIB.join('|')})/`,
      message: 'Product code must not import entrypoints, components, tests, scripts or bench.',
    },
  ];
  if (below.includes('providers')) {
    patterns.push({
      regex: folderPattern('providers', PROVIDERS_FRONT),
      message: 'Above lib/providers, reach a provider through lib/providers/registry.ts or types.ts.',
    });
  }
  return {
    files: module === 'messages' ? ['lib/messages.ts'] : [`lib/${module}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vitest', message: 'Test-only code lives in tests/, not lib/.' }], patterns },
      ],
    },
  };
}

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
  ...LIB_LAYERS.flatMap((layer, i) => layer.map((module) => layerRules(module, i))),
  {
    // The worker and the content script bundle no Preact: components/ is the pages' Preact components only.
    files: ['entrypoints/background/**', 'entrypoints/content/**', 'entrypoints/linking.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)components/',
              message: 'The background and the content script must not import components/.',
            },
            { regex: '^preact(/|$)', message: 'The background and the content script must not use Preact.' },
            { regex: '(^|/)(tests|scripts|bench)/', message: 'Product code must not import tests, scripts or bench.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**'],
    // Playwright fixtures without dependencies are written `async ({}, use) => …`.
    rules: { 'no-restricted-properties': 'off', 'no-restricted-globals': 'off', 'no-empty-pattern': 'off' },
  },
);
