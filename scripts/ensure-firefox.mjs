// Makes sure Debian's Firefox ESR is installed for the Firefox end-to-end tests (tests/e2e-firefox), as
// ensure-chromium.mjs does for Chromium: no browser can be downloaded here, so the distribution's package is
// used (path overridable with FIREFOX_PATH).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
if (!existsSync(path)) {
  if (process.getuid?.() !== 0) {
    console.error(
      `Firefox not found at ${path}. Install it (Debian: sudo apt-get install -y firefox-esr) or set FIREFOX_PATH.`,
    );
    process.exit(1);
  }
  console.log(`Firefox not found at ${path}; installing Debian's firefox-esr package…`);
  execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr', { stdio: 'inherit' });
}
