/**
 * Issue 4, end to end: for each provider, a click on a number the content script linked on a page reaches the
 * simulator as exactly the request ../shared/providers.md documents (method, path, auth, body fields), with
 * the number in the configured `dialing.numberFormat`; and with HelpDeskEddy configured, the PBX dial is
 * followed by exactly one `create_call` card.
 *
 * The manifest has optional host permissions only; the simulator answers CORS preflights permissively, so the
 * service worker's fetches to 127.0.0.1 work without a grant (providers.md §0, "CORS").
 */
import { createHash } from 'node:crypto';
import { test, expect } from './support/fixtures';
import type { SimRequest } from '../sim/server';
import { MAXOTEL_SIM_KEY } from '../sim/maxotel';
import { YEASTAR_SIM_PASSWORD, YEASTAR_SIM_USERNAME } from '../sim/yeastar-s';
import { NETSAPIENS_SIM_KEY } from '../sim/netsapiens';
import { KAZOO_SIM } from '../sim/kazoo';
import { CUSTOM_SIM_EXTENSION } from '../sim/custom';
import { HDE_SIM, parseMultipart } from '../sim/helpdeskeddy';
import {
  clickNumber,
  dialOnPage,
  historyAfter,
  providerSettings,
  settledEntry,
  TWO_NUMBER_PAGE,
  US_E164,
  US_PAGE,
  basicAuth,
  expectFormBody,
  requestsMade,
  soleRequest,
} from './page-helpers';

const json = (request: SimRequest): unknown => JSON.parse(request.body);
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

test('MaxoTel: one POST calls/initiate form with the key in the body, the number in E.164', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage({ context, extension, pages }, 'maxotel', providerSettings(sim, 'maxotel'));
  expect(entry).toMatchObject({ result: 'queued', provider: 'maxotel', number: US_E164, source: 'link' });

  // The doc's URL form, with the slash before the (here empty) query string; the key never in the URL.
  const request = soleRequest(sim, 'maxotel POST /calls/initiate/');
  expectFormBody(request, {
    key: MAXOTEL_SIM_KEY,
    origin: '101',
    destination: '+14155550132',
    autoAnswer: '1',
  });
});

test('Yeastar S-Series: login with the MD5 of the password, then call/dial with the token, number dialable with prefix 9', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'yeastar',
    providerSettings(sim, 'yeastar-s', { outboundPrefix: '9' }),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'yeastar-s', number: US_E164 });

  const [login, dial] = requestsMade(sim, [
    'yeastar-s POST /api/v2.0.0/login',
    'yeastar-s POST /api/v2.0.0/call/dial',
  ]) as [SimRequest, SimRequest];
  expect(login.headers['content-type']).toMatch(/^application\/json/);
  expect([...login.query.keys()]).toEqual([]);
  expect(json(login)).toEqual({
    username: YEASTAR_SIM_USERNAME,
    password: md5(YEASTAR_SIM_PASSWORD),
    version: '2.0.0',
  });

  expect(dial.headers['content-type']).toMatch(/^application\/json/);
  expect([...dial.query.keys()]).toEqual(['token']);
  expect(dial.query.get('token')).toMatch(/^[0-9a-f]{32}$/);
  // National digits at home (US), after the outbound prefix.
  expect(json(dial)).toEqual({ caller: '1023', callee: '94155550132', autoanswer: 'yes' });
  // The PBX's `callid` is kept with the call.
  expect(entry.callId).toMatch(/^\d+\.1$/);
});

test('Yeastar S-Series: a second call reuses the login token', async ({ context, extension, pages, sim }) => {
  const { page } = await dialOnPage({ context, extension, pages }, 'yeastar-two', providerSettings(sim, 'yeastar-s'), {
    body: TWO_NUMBER_PAGE,
  });
  await page.locator('a[data-pbx-dial="+14155550199"]').click();
  // Both placed: in Yeastar's own number format each callee matches an outbound route.
  expect((await historyAfter(extension, 2)).map((e) => e.result)).toEqual(['queued', 'queued']);
  const requests = sim.requestsFor('yeastar-s');
  expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'POST /api/v2.0.0/login',
    'POST /api/v2.0.0/call/dial',
    'POST /api/v2.0.0/call/dial',
  ]);
  expect(requests[2]!.query.get('token')).toBe(requests[1]!.query.get('token'));
});

test('NetSapiens: one Bearer POST …/domains/~/users/~/calls with the hyphenated keys, number in digits', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'netsapiens',
    providerSettings(sim, 'netsapiens', { autoAnswer: false }),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'netsapiens', number: US_E164 });

  const request = soleRequest(sim, 'netsapiens POST /ns-api/v2/domains/~/users/~/calls');
  expect(request.headers.authorization).toBe(`Bearer ${NETSAPIENS_SIM_KEY}`);
  expect(request.headers['content-type']).toMatch(/^application\/json/);
  const body = json(request) as Record<string, string>;
  expect(body).toEqual({
    synchronous: 'no',
    'call-id': expect.stringMatching(/\S/),
    'call-term-user': '14155550132',
    'auto-answer-enabled': 'no',
  });
  // The random call-id is kept, so the call can be read or ended later.
  expect(entry.callId).toBe(body['call-id']);
});

test('Kazoo: PUT /v2/api_auth with the key, then GET …/connect?contact= with X-Auth-Token; a number format of E.164 is sent without "+"', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'kazoo',
    providerSettings(sim, 'kazoo', { numberFormat: 'e164' }),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'kazoo', number: US_E164 });

  const requests = sim.requestsFor('kazoo');
  const connectPath = `/v2/accounts/${KAZOO_SIM.accountId}/clicktocall/${KAZOO_SIM.clickToCallId}/connect`;
  // After the 202 "processing request", the click-to-call's history, where the originate's result appears: read
  // once, or again when the first read came before the result (on a busy machine), and nothing else.
  const lines = requests.map((r) => `${r.method} ${r.path}`);
  expect(lines.slice(0, 3)).toEqual([
    'PUT /v2/api_auth',
    `GET ${connectPath}`,
    `GET ${connectPath.replace(/connect$/, 'history')}`,
  ]);
  expect(new Set(lines.slice(2))).toEqual(new Set([`GET ${connectPath.replace(/connect$/, 'history')}`]));
  expect(sim.requests).toHaveLength(requests.length);
  const [login, connect] = requests as [SimRequest, SimRequest];
  expect(login.headers['content-type']).toMatch(/^application\/json/);
  expect(json(login)).toEqual({ data: { api_key: KAZOO_SIM.apiKey } });

  // Kazoo URL-encodes the contact again before normalising it: "+1415…" would be dialled as "%2B1415…".
  expect(Object.fromEntries(connect.query)).toEqual({ contact: '14155550132', auto_answer: 'true' });
  expect(connect.headers['x-auth-token']).toMatch(/^[\w-]+\.[\w-]+\.[0-9a-f]+$/);
  expect(connect.headers.authorization).toBeUndefined();
  expect(connect.body).toBe('');
  // Kazoo's call id is "c2c-{click-to-call id}-…": the id is a credential, so it is not kept.
  expect(entry.callId).toBeUndefined();
  expect(JSON.stringify(entry)).not.toContain(KAZOO_SIM.clickToCallId);
  // What Kazoo dials on the second leg, after URL-encoding and normalising the contact.
  const history = await (
    await fetch(`${sim.url}${connectPath.replace(/connect$/, 'history')}`, {
      headers: { 'X-Auth-Token': connect.headers['x-auth-token']! },
    })
  ).json();
  expect(history.data.map((h: { contact: string }) => h.contact)).toEqual(['+14155550132']);
});

test('Kazoo: a 202 whose originate then fails (USER_BUSY in /history) is reported as failed, not as calling', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('kazoo', { originateCause: 'USER_BUSY' });
  const { entry } = await dialOnPage({ context, extension, pages }, 'kazoo-busy', providerSettings(sim, 'kazoo'));
  expect(entry).toMatchObject({ result: 'failed', provider: 'kazoo', errorKind: 'extension-unavailable' });
  expect(entry.message).toContain('your phone is busy');
  expect(sim.requestsFor('kazoo').filter((r) => r.path.endsWith('/connect'))).toHaveLength(1);
});

test('Kazoo without a token (auth_required off): only GET …/connect, no login and no X-Auth-Token', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('kazoo', { authRequired: false });
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'kazoo-open',
    providerSettings(sim, 'kazoo', { autoAnswer: false }, { apiKey: '' }),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'kazoo', number: US_E164 });

  const connect = soleRequest(
    sim,
    `kazoo GET /v2/accounts/${KAZOO_SIM.accountId}/clicktocall/${KAZOO_SIM.clickToCallId}/connect`,
  );
  expect(Object.fromEntries(connect.query)).toEqual({ contact: '14155550132', auto_answer: 'false' });
  expect(connect.headers['x-auth-token']).toBeUndefined();
});

test('Custom template: one POST with the user’s header and JSON body, a foreign number dialable from the US', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('custom', { method: 'POST' });
  const template = {
    method: 'POST',
    url: `${sim.url}/custom/dial`,
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer cst_e2e_4f1d9a' },
    body: '{"to":"{number}","from":"{extension}"}',
  };
  await extension.setSettings(providerSettings(sim, 'custom', { numberFormat: 'dialable' }, template));
  await clickNumber(context, pages, 'custom', '<p>London desk: +44 20 7946 0958</p>', '+442079460958');
  const entry = await settledEntry(extension);
  expect(entry).toMatchObject({ result: 'queued', provider: 'custom', number: '+442079460958' });

  const request = soleRequest(sim, 'custom POST /custom/dial');
  expect(request.headers.authorization).toBe('Bearer cst_e2e_4f1d9a');
  expect(request.headers['content-type']).toMatch(/^application\/json/);
  // Abroad: the US international prefix 011, the country code, the national number.
  expect(json(request)).toEqual({ to: '011442079460958', from: CUSTOM_SIM_EXTENSION });
});

test('HelpDeskEddy: after Yeastar accepted the dial, one create_call card with the PBX call id', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  // Yeastar's own number format: callee is an integer matching an outbound route (a "+" gets errno 10031).
  await extension.setSettings({ ...providerSettings(sim, 'yeastar-s'), ...sim.settingsFor('helpdeskeddy') });
  await clickNumber(context, pages, 'helpdeskeddy', US_PAGE, US_E164);
  const entry = await settledEntry(extension);
  expect(entry).toMatchObject({ result: 'queued', provider: 'yeastar-s', number: US_E164 });

  // In this order: the PBX login and dial, then the call card.
  expect(sim.requests.map((r) => `${r.provider} ${r.method} ${r.path}`)).toEqual([
    'yeastar-s POST /api/v2.0.0/login',
    'yeastar-s POST /api/v2.0.0/call/dial',
    `helpdeskeddy POST /api/v2/telephony/calls/${HDE_SIM.channelKey}/`,
  ]);
  const card = sim.requests[2]!;
  expect(card.headers.authorization).toBe(basicAuth(HDE_SIM.email, HDE_SIM.apiKey));
  expect(card.headers['content-type']).toMatch(/^multipart\/form-data; ?boundary=/);
  const fields = parseMultipart(card.rawBody, card.headers['content-type']!);
  expect(fields && Object.fromEntries(fields)).toEqual({
    action: ['create_call'],
    direction: ['outgoing'],
    phone: ['+14155550132'],
    call_status: ['ringing'],
    pbx_call_id: [entry.callId],
    'pbx_user_ids[]': ['1023'],
  });
  expect(entry.callId).toMatch(/^\d+\.1$/);
});
