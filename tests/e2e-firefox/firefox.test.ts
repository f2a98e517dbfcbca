/**
 * The Firefox build, end to end (issue 11): Debian's firefox-esr with the built extension, configured the way an
 * admin configures it, by an enterprise policy (support.ts). Each `describe` is one policy and one browser.
 *
 * Run by `npm run test:e2e:firefox` (node's own test runner, one file at a time: the policy file is global).
 */
import { after, before, beforeEach, describe, test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { launchFirefox, linkedNumbers, startServers, urlOn, waitFor, type Firefox } from './support';
import type { PageServer } from '../e2e/support/page-server';
import type { SimRequest, Simulator } from '../sim/server';
import { MAXOTEL_SIM_KEY, maxotelParams } from '../sim/maxotel';
import { YEASTAR_SIM_PASSWORD, YEASTAR_SIM_USERNAME } from '../sim/yeastar-s';
import { NETSAPIENS_SIM_KEY } from '../sim/netsapiens';
import { KAZOO_SIM } from '../sim/kazoo';
import { CUSTOM_SIM_EXTENSION } from '../sim/custom';

/** Each test's timeout (node's --test-timeout would apply to the whole file as well). */
const TEST_TIMEOUT_MS = 30_000;
const test = (name: string, fn: () => void | Promise<void>) => nodeTest(name, { timeout: TEST_TIMEOUT_MS }, fn);

/** A minimal HTML page (same shape as the Chromium suite's). */
function html(body: string, lang = 'en-US'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>fixture</title></head><body>${body}</body></html>`;
}

/** Records, after the content script, whether each click's default was cancelled; then cancels it (no OS handler). */
const RECORD_CLICKS = `<script>
  window.prevented = [];
  document.addEventListener('click', (e) => { window.prevented.push(e.defaultPrevented); e.preventDefault(); });
</script>`;
const prevented = (page: Page) => page.evaluate(() => (window as unknown as { prevented: boolean[] }).prevented);

const US_E164 = '+14155550132';
const US_PAGE = `<p>Call our office on <span id="n">(415) 555-0132</span> today.</p>${RECORD_CLICKS}`;
/** Quiet time before concluding that nothing happened (a page left alone, a click ignored). */
const NOTHING_MS = 1_000;

const servers = await startServers();
const { pages, sim } = servers;
after(() => servers.close());
beforeEach(() => sim.reset());

const dialing = { defaultCountry: 'US', autoAnswer: true, confirm: false, numberFormat: 'e164', outboundPrefix: '' };

/** Runs `body` with one Firefox whose managed policy is `policy()` (built once the simulator is up). */
function withPolicy(name: string, policy: () => unknown, body: (firefox: () => Firefox) => void): void {
  // No timeout for the whole describe: its start, each test and its close carry their own.
  describe(name, () => {
    let firefox: Firefox | undefined;
    // A launch is 3-5 s on an idle machine, and up to 20 s on a very busy one.
    before(
      async () => {
        firefox = await launchFirefox(policy());
      },
      { timeout: 90_000 },
    );
    after(() => firefox?.close(), { timeout: 30_000 });
    body(() => firefox!);
  });
}

/** Opens `body` as a page on `host` and waits until `e164` is linked there. */
async function openLinked(firefox: Firefox, pages: PageServer, path: string, body: string, e164: string) {
  pages.add(path, html(body));
  const page = await firefox.open(urlOn(pages, 'crm.example.com', path));
  await waitFor(async () => (await linkedNumbers(page)).includes(e164), `${e164} linked on ${path}`);
  return page;
}

/** Waits until `provider` has received `count` requests, and returns them. */
async function requestsOf(sim: Simulator, provider: string, count: number): Promise<SimRequest[]> {
  await waitFor(() => sim.requestsFor(provider).length >= count, `${count} ${provider} request(s)`, 15_000);
  return sim.requestsFor(provider);
}

const json = (request: SimRequest): unknown => JSON.parse(request.body);
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

withPolicy(
  'MaxoTel by policy: linking, clicks, blocked sites, locked fields',
  () => ({ ...sim.settingsFor('maxotel'), dialing, pages: { blockedSites: ['blocked.example'] } }),
  (firefox) => {
    test('runs in the Firefox the README names', () => {
      console.log(`# ${firefox().version}`);
      assert.match(firefox().version, /^firefox\/\d+\./i);
    });

    test('links numbers in text, one split across elements, and one in an open shadow root', async () => {
      const body = `
        <p id="plain">Office: +1 415-555-0132</p>
        <p id="split">Direct: <span class="cc">+44</span> <span class="nsn">20 7946 0123</span> (London)</p>
        <div id="host"></div>
        <script>
          const root = document.getElementById('host').attachShadow({ mode: 'open' });
          const p = document.createElement('p');
          p.textContent = 'Support +1 415-555-0177';
          root.append(p);
        </script>`;
      const page = await firefox().open(pages.add('/ff/linking.html', html(body)));
      await waitFor(async () => (await linkedNumbers(page)).length === 2, 'two light-DOM links');
      assert.deepEqual(await linkedNumbers(page), ['+14155550132', '+442079460123']);
      // The split number is one number, its text unchanged.
      assert.equal(await page.$eval('#split', (p) => p.textContent), 'Direct: +44 20 7946 0123 (London)');
      assert.equal(
        await page.$eval('#plain a', (a) => a.outerHTML),
        '<a href="tel:+14155550132" data-pbx-dial="+14155550132">+1 415-555-0132</a>',
      );
      await waitFor(
        () => page.evaluate(() => !!document.getElementById('host')!.shadowRoot!.querySelector('a[data-pbx-dial]')),
        'the shadow root linked',
      );
      assert.equal(
        await page.evaluate(() =>
          document.getElementById('host')!.shadowRoot!.querySelector('a')!.getAttribute('data-pbx-dial'),
        ),
        '+14155550177',
      );
      await page.close();
    });

    test('a trusted click on a made link dials through MaxoTel and cancels the default', async () => {
      const page = await openLinked(firefox(), pages, '/ff/maxotel.html', US_PAGE, US_E164);
      await page.click(`a[data-pbx-dial="${US_E164}"]`);
      const [request] = await requestsOf(sim, 'maxotel', 1);
      assert.equal(request!.method, 'POST');
      assert.equal(request!.path, '/calls/initiate/');
      assert.deepEqual(maxotelParams(request!), {
        key: MAXOTEL_SIM_KEY,
        origin: '101',
        destination: US_E164,
        autoAnswer: '1',
      });
      assert.deepEqual(await prevented(page), [true]);
      await page.close();
    });

    test('a trusted click on the page’s own tel: link dials its number', async () => {
      // A link that shows its own, domestic number: one the page could hide or mislabel is asked about first
      // (issue 15, tests/e2e/tel-link-guard.spec.ts).
      const body = `<p><a id="tel" href="tel:+1-415-555-0150">Sales: (415) 555-0150</a></p>${US_PAGE}`;
      const page = await openLinked(firefox(), pages, '/ff/tel.html', body, US_E164);
      await page.click('#tel');
      const [request] = await requestsOf(sim, 'maxotel', 1);
      assert.equal(maxotelParams(request!).destination, '+14155550150');
      assert.deepEqual(await prevented(page), [true]);
      await page.close();
    });

    test('a tel: link under a layer that paints over it and lets clicks through is asked about, not dialled', async () => {
      // Firefox's content scripts cannot adopt a stylesheet: the hit-test that sets pointer-events aside uses a
      // <style> of its own there (lib/page/link-doubt.ts). The click is the extension's (default prevented), and
      // the background asks first (the confirmation window, which BiDi cannot read) instead of dialling.
      const body = `<p><a id="tel" href="tel:+1-415-555-0177">+1 415-555-0177</a></p>
        <div style="position:fixed;inset:0;background:#fff;pointer-events:none;z-index:9">Spring sale</div>${US_PAGE}`;
      const page = await openLinked(firefox(), pages, '/ff/covered.html', body, US_E164);
      await page.click('#tel');
      await new Promise((r) => setTimeout(r, NOTHING_MS));
      assert.deepEqual(await prevented(page), [true]);
      assert.deepEqual(sim.requestsFor('maxotel'), []);
      assert.equal(await page.evaluate(() => document.querySelectorAll('style').length), 0);
      await page.close();
    });

    test('a synthetic click (el.click()) dials nothing; a trusted one then does', async () => {
      // A number no test before it dialled: the made-link test's click on US_E164 a second or two ago would make a
      // trusted click on the same number a repeat, which the dial service ignores for a few seconds.
      const body = `<p>Or our desk on (415) 555-0199.</p>${RECORD_CLICKS}`;
      const page = await openLinked(firefox(), pages, '/ff/synthetic.html', body, '+14155550199');
      await page.evaluate(() => (document.querySelector('a[data-pbx-dial]') as HTMLElement).click());
      await new Promise((r) => setTimeout(r, NOTHING_MS));
      assert.deepEqual(sim.requestsFor('maxotel'), []);
      assert.deepEqual(await prevented(page), [false]);
      await page.click('a[data-pbx-dial]');
      const [request] = await requestsOf(sim, 'maxotel', 1);
      assert.equal(maxotelParams(request!).destination, '+14155550199');
      await page.close();
    });

    test('a blocked site is left alone: no links, and its tel: link is the browser’s', async () => {
      const path = '/ff/blocked.html';
      const body = `<p><a id="tel" href="tel:+44-20-7946-0000">London office</a></p>${US_PAGE}`;
      pages.add(path, html(body));
      // The same page on another host is linked: the settings have reached this browser's content scripts.
      const control = await openLinked(firefox(), pages, '/ff/blocked-control.html', body, US_E164);
      await control.close();
      const page = await firefox().open(urlOn(pages, 'blocked.example', path));
      await new Promise((r) => setTimeout(r, NOTHING_MS));
      assert.deepEqual(await linkedNumbers(page), []);
      assert.equal(await page.$eval('#n', (n) => n.textContent), '(415) 555-0132');
      await page.click('#tel');
      await new Promise((r) => setTimeout(r, NOTHING_MS / 2));
      assert.deepEqual(await prevented(page), [false]);
      assert.deepEqual(sim.requests, []);
      await page.close();
    });

    test('the options page shows the policy’s fields locked, saying why', async () => {
      const page = await firefox().openExtensionPage('options.html', 'Some settings are set by your administrator');
      const field = (id: string) =>
        page.$eval(`#${id}`, (el) => ({
          disabled: (el as HTMLInputElement).disabled,
          value: (el as HTMLInputElement).value,
          describedBy: el.getAttribute('aria-describedby') ?? '',
        }));
      const baseUrl = await field('f-provider-baseUrl');
      assert.equal(baseUrl.disabled, true);
      assert.equal(baseUrl.value, `${sim.url}/`);
      assert.match(baseUrl.describedBy, /f-provider-baseUrl-locked/);
      assert.equal(await page.$eval('#f-provider-baseUrl-locked', (el) => el.textContent), 'Set by your administrator');
      await page.close();
    });
  },
);

withPolicy(
  'Yeastar S-Series by policy',
  () => ({ ...sim.settingsFor('yeastar-s'), dialing: { ...dialing, numberFormat: 'dialable', outboundPrefix: '9' } }),
  (firefox) => {
    test('a click logs in with the MD5 of the password, then dials with the token', async () => {
      const page = await openLinked(firefox(), pages, '/ff/yeastar.html', US_PAGE, US_E164);
      await page.click(`a[data-pbx-dial="${US_E164}"]`);
      const [login, dial] = await requestsOf(sim, 'yeastar-s', 2);
      assert.deepEqual(
        [login, dial].map((r) => `${r!.method} ${r!.path}`),
        ['POST /api/v2.0.0/login', 'POST /api/v2.0.0/call/dial'],
      );
      assert.deepEqual(json(login!), {
        username: YEASTAR_SIM_USERNAME,
        password: md5(YEASTAR_SIM_PASSWORD),
        version: '2.0.0',
      });
      assert.match(dial!.query.get('token') ?? '', /^[0-9a-f]{32}$/);
      assert.deepEqual(json(dial!), { caller: '1023', callee: '94155550132', autoanswer: 'yes' });
      await page.close();
    });
  },
);

withPolicy(
  'NetSapiens by policy',
  () => ({ ...sim.settingsFor('netsapiens'), dialing: { ...dialing, numberFormat: 'digits' } }),
  (firefox) => {
    test('a click sends one Bearer POST …/calls with the number in digits', async () => {
      const page = await openLinked(firefox(), pages, '/ff/netsapiens.html', US_PAGE, US_E164);
      await page.click(`a[data-pbx-dial="${US_E164}"]`);
      const [request] = await requestsOf(sim, 'netsapiens', 1);
      assert.equal(`${request!.method} ${request!.path}`, 'POST /ns-api/v2/domains/~/users/~/calls');
      assert.equal(request!.headers.authorization, `Bearer ${NETSAPIENS_SIM_KEY}`);
      const body = json(request!) as Record<string, string>;
      assert.deepEqual(body, {
        synchronous: 'no',
        'call-id': body['call-id'],
        'call-term-user': '14155550132',
        'auto-answer-enabled': 'yes',
      });
      assert.match(body['call-id'] ?? '', /\S/);
      await page.close();
    });
  },
);

withPolicy(
  'Kazoo by policy',
  () => ({ ...sim.settingsFor('kazoo'), dialing }),
  (firefox) => {
    test('a click logs in with the key, then connects the click-to-call with the number in E.164', async () => {
      const page = await openLinked(firefox(), pages, '/ff/kazoo.html', US_PAGE, US_E164);
      await page.click(`a[data-pbx-dial="${US_E164}"]`);
      const [login, connect] = await requestsOf(sim, 'kazoo', 2);
      assert.equal(`${login!.method} ${login!.path}`, 'PUT /v2/api_auth');
      assert.deepEqual(json(login!), { data: { api_key: KAZOO_SIM.apiKey } });
      assert.equal(
        `${connect!.method} ${connect!.path}`,
        `GET /v2/accounts/${KAZOO_SIM.accountId}/clicktocall/${KAZOO_SIM.clickToCallId}/connect`,
      );
      // Digits with the country code, no "+": Kazoo URL-encodes the contact again before normalising it (issue 14).
      assert.deepEqual(Object.fromEntries(connect!.query), { contact: US_E164.slice(1), auto_answer: 'true' });
      assert.match(connect!.headers['x-auth-token'] ?? '', /\S/);
      await page.close();
    });
  },
);

withPolicy(
  'Custom template by policy',
  () => ({
    ...sim.settingsFor('custom', {
      method: 'POST',
      url: `${sim.url}/custom/dial`,
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer cst_e2e_4f1d9a' },
      body: '{"to":"{number}","from":"{extension}"}',
    }),
    dialing: { ...dialing, numberFormat: 'dialable' },
  }),
  (firefox) => {
    test('a click sends the template’s POST with its header and JSON body', async () => {
      const page = await openLinked(firefox(), pages, '/ff/custom.html', US_PAGE, US_E164);
      await page.click(`a[data-pbx-dial="${US_E164}"]`);
      const [request] = await requestsOf(sim, 'custom', 1);
      assert.equal(`${request!.method} ${request!.path}`, 'POST /custom/dial');
      assert.equal(request!.headers.authorization, 'Bearer cst_e2e_4f1d9a');
      assert.deepEqual(json(request!), { to: '4155550132', from: CUSTOM_SIM_EXTENSION });
      await page.close();
    });
  },
);

withPolicy(
  'An invalid policy',
  // Only the invalid key is dropped (issue 15): the admin's blocked site stays blocked, linking takes its default.
  () => ({ dialing, pages: { linkify: 'yes', blockedSites: ['blocked.example'] } }),
  (firefox) => {
    test('only its invalid key is ignored: linking on by default, the blocked site still blocked', async () => {
      const path = '/ff/invalid.html';
      const page = await firefox().open(pages.add(path, html(US_PAGE)));
      await waitFor(async () => (await linkedNumbers(page)).includes(US_E164), 'the number linked');
      await page.close();
      const blocked = await firefox().open(urlOn(pages, 'blocked.example', path));
      await new Promise((r) => setTimeout(r, NOTHING_MS));
      assert.deepEqual(await linkedNumbers(blocked), []);
      await blocked.close();
    });

    test('its problems are shown on the options page', async () => {
      const page = await firefox().openExtensionPage('options.html', 'pages.linkify');
      const text = await page.evaluate(() => document.body.innerText);
      assert.match(text, /pages\.linkify: \(managed policy, ignored\) must be true or false, got string "yes"/);
      await page.close();
    });
  },
);
