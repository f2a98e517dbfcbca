import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

/**
 * libphonenumber-js's `es6` modules carry Babel's class helpers, a copy in each file (about 2 KiB gzipped in the
 * linking script); its `es6-modern` build is the same code as plain ES2015+ classes, which every browser we
 * support runs. Its entry points import `../es6/…` by relative path, so the switch is made where ids resolve.
 * Only for the content script's parts, which use `libphonenumber-js/core` alone: the `min`/`max` entries wrap
 * its classes in functions that call them without `new` (`_AsYouType.call(this, …)`), which a real class
 * refuses ("Class constructor cannot be invoked without 'new'"), so the pages and the background keep `es6`.
 */
function modernLibphonenumber(): Plugin {
  return {
    name: 'libphonenumber-es6-modern',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !resolved.id.includes('/libphonenumber-js/es6/')) return resolved;
      return { ...resolved, id: resolved.id.replace('/libphonenumber-js/es6/', '/libphonenumber-js/es6-modern/') };
    },
  };
}

/**
 * Chrome's explicit compile hint (V8, Chrome 136 on): a file that starts with this comment has every function
 * compiled as the file is parsed, instead of each one being parsed again when first called. For the content
 * script, most of whose functions run on every page, that is about 0.9 ms less script time on a page without
 * digits (`BENCH_ONLY=small npm run bench`, 31 loads: 2.2 ms against 3.1 ms, issue 13). Other browsers read a
 * comment. Added after minification, which drops comments.
 */
function eagerCompileHint(): Plugin {
  return {
    name: 'eager-compile-hint',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file.isEntry) file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
      }
    },
  };
}

/** The content script's entrypoint (`entrypoints/content`), built to `content.js`. */
const CONTENT_SCRIPT = 'content';

/** Build configuration: one codebase, Chrome MV3 and Firefox MV3 outputs. */
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // `entrypoints/content` is built as a plain script, without WXT's content-script context (about 1 ms of
    // script time on every page, issue 13; lib/page/script-context.ts), and declared in the manifest below.
    'entrypoints:found': (_wxt, infos) => {
      for (const info of infos) if (info.name === CONTENT_SCRIPT) info.type = 'unlisted-script';
    },
    // The content script runs on every page: it uses the browser's own promise-based `chrome.*`/`browser.*`
    // (MV3 in Chrome and Firefox) instead of webextension-polyfill, which costs every page about 2 ms and
    // 3 KiB gzipped (issue 13). The background and the extension pages keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.every((e) => e.type === 'content-script' || e.type === 'unlisted-script')) {
        config.plugins = [...(config.plugins ?? []), modernLibphonenumber()];
      }
      if (!entrypoints.some((e) => e.name === CONTENT_SCRIPT)) return;
      config.plugins = [...(config.plugins ?? []), eagerCompileHint()];
      const native = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      config.resolve ??= {};
      const alias = config.resolve.alias;
      config.resolve.alias = Array.isArray(alias)
        ? [native, ...alias]
        : [native, ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }))];
    },
  },
  // PBX_OUT_DIR lets parallel builds (several engineers, or bench and tests) use separate outputs.
  outDir: process.env.PBX_OUT_DIR || '.output',
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    // Large JSON (phone metadata) as JSON.parse("…"): much cheaper for the engine to load than an object
    // literal, and the content script loads it on every page.
    json: { stringify: true },
    // Terser: about 1 KiB gzipped less than esbuild's minifier on the content script, which must stay under
    // 60 KiB gzipped (issue 3). PBX_NO_MINIFY=1 keeps function names readable in CPU profiles of the build.
    // A second compress pass finds what the first one's inlining opened up (about 0.2 KiB gzipped).
    build: {
      minify: process.env.PBX_NO_MINIFY ? false : 'terser',
      terserOptions: { compress: { passes: 2 } },
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // alarms: the PBX login's heartbeat (Yeastar tokens lapse after 30 quiet minutes).
    permissions: ['storage', 'contextMenus', 'notifications', 'activeTab', 'alarms'],
    // The user's PBX and helpdesk hosts are only known once they are configured: the options page asks
    // for exactly those origins when the user saves, instead of reading every site up front.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    omnibox: { keyword: 'call' },
    commands: {
      'call-selection': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: '__MSG_commandCallSelection__',
      },
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+D' },
      },
    },
    storage: { managed_schema: 'managed_schema.json' },
    // Every page and frame, from document_start: it links numbers and turns clicks on tel: links into calls.
    content_scripts: [
      {
        matches: ['<all_urls>'],
        js: [`${CONTENT_SCRIPT}.js`],
        run_at: 'document_start',
        all_frames: true,
        match_about_blank: true,
      },
    ],
    // The content script loads its large half (lib/page/linking-module.ts) with import(); Chrome hides the
    // file's real URL from pages behind a per-session one.
    web_accessible_resources: [
      {
        resources: ['linking.js', 'page-numbers.js'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'pbx-click-to-dial@pbx-click-to-dial.org',
              // The oldest Firefox the end-to-end suite (tests/e2e-firefox) passes on: ESR 140.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on (addons-linter), and is not tested.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
