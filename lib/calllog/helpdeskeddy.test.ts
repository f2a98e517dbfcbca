import { describe, expect, it } from 'vitest';
import { fileSimulator, simContext } from '@/tests/unit/support/simulator';
import { parseSettings } from '@/lib/settings/validate';
import { HDE_SIM, parseMultipart } from '@/tests/sim/helpdeskeddy';
import type { HelpdeskeddyCallLog } from '../settings/schema';
import type { ProviderContext } from '../providers/types';
import { helpdeskeddy } from './helpdeskeddy';
import { providerFailure, visibleText } from '@/tests/unit/support/provider-errors';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator();

const context = (overrides: Partial<ProviderContext> = {}) => simContext(sim, { timeoutMs: 3000, ...overrides });

function settings(overrides: Partial<HelpdeskeddyCallLog> = {}): HelpdeskeddyCallLog {
  return { ...(sim.settingsFor('helpdeskeddy').callLog as HelpdeskeddyCallLog), ...overrides };
}

const requests = () => sim.requestsFor('helpdeskeddy');
const callPath = `/api/v2/telephony/calls/${HDE_SIM.channelKey}/`;
const basic = `Basic ${Buffer.from(`${HDE_SIM.email}:${HDE_SIM.apiKey}`).toString('base64')}`;

function fieldsOf(index = 0): Record<string, string[]> {
  const request = requests()[index]!;
  const fields = parseMultipart(request.rawBody, request.headers['content-type'] ?? '');
  expect(fields).not.toBeNull();
  return Object.fromEntries(fields!);
}

const failure = (promise: Promise<unknown>) => providerFailure(promise);

const visible = visibleText;

describe('helpdeskeddy create_call', () => {
  it('posts exactly the documented multipart fields with Basic auth, and returns the card id', async () => {
    const result = await helpdeskeddy
      .create(settings(), context())
      .logCall({ number: '+14155550132', callId: '1571620483.18', extension: '101' });
    expect(result).toEqual({ id: '1' });
    expect(requests()).toHaveLength(1);
    const [request] = requests();
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe(callPath);
    expect([...request!.query.keys()]).toEqual([]);
    expect(request!.headers.authorization).toBe(basic);
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(fieldsOf()).toEqual({
      action: ['create_call'],
      direction: ['outgoing'],
      phone: ['+14155550132'],
      call_status: ['ringing'],
      pbx_call_id: ['1571620483.18'],
      'pbx_user_ids[]': ['101'],
    });
  });

  it('leaves out pbx_call_id and pbx_user_ids[] when they are not known', async () => {
    await helpdeskeddy.create(settings(), context()).logCall({ number: '4155550132' });
    expect(fieldsOf()).toEqual({
      action: ['create_call'],
      direction: ['outgoing'],
      phone: ['4155550132'],
      call_status: ['ringing'],
    });
  });

  it('accepts a base URL given with /api/v2/ already on it', async () => {
    await helpdeskeddy.create(settings({ baseUrl: `${sim.url}/api/v2/` }), context()).logCall({ number: '1' });
    expect(requests()[0]!.path).toBe(callPath);
  });

  it('encodes e-mail and key as UTF-8 before base64', async () => {
    await failure(helpdeskeddy.create(settings({ email: 'jürgen@acme.example' }), context()).logCall({ number: '1' }));
    const sent = requests()[0]!.headers.authorization!.slice(6);
    expect(Buffer.from(sent, 'base64').toString('utf8')).toBe(`jürgen@acme.example:${HDE_SIM.apiKey}`);
  });
});

describe('helpdeskeddy errors', () => {
  it('bad credentials: auth, naming the e-mail but never the key', async () => {
    const wrong = 'wrong-key-0000-1111';
    const error = await failure(
      helpdeskeddy.create(settings({ apiKey: wrong }), context()).logCall({ number: '+14155550132' }),
    );
    expect(error.kind).toBe('auth');
    expect(error.details.status).toBe(401);
    expect(error.details.step).toBe('call log');
    expect(error.message).toContain(HDE_SIM.email);
    expect(visible(error)).not.toContain(wrong);
    expect(visible(error)).not.toContain(Buffer.from(`${HDE_SIM.email}:${wrong}`).toString('base64'));
  });

  it('unknown channel key: not-found, saying it is the channel key', async () => {
    const error = await failure(
      helpdeskeddy.create(settings({ channelKey: 'NoSuchChannelKey0000' }), context()).logCall({ number: '1' }),
    );
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('channel key');
  });

  it('telephony not allowed for the user: permission', async () => {
    sim.configure('helpdeskeddy', { telephonyAllowed: false });
    const error = await failure(helpdeskeddy.create(settings(), context()).logCall({ number: '1' }));
    expect(error.kind).toBe('permission');
    expect(error.details.status).toBe(403);
  });

  it('422 validation errors carry HDE `errors` words', async () => {
    const error = await failure(helpdeskeddy.create(settings(), context()).logCall({ number: '' }));
    expect(error.kind).toBe('unexpected');
    expect(error.details.status).toBe(422);
    expect(error.message).toContain('phone: The phone field is required.');
  });

  it('over the per-minute limit: rate-limited with the X-Rate-Limit figure; blocked for 20 minutes', async () => {
    sim.configure('helpdeskeddy', { rpm: 2 });
    const adapter = helpdeskeddy.create(settings(), context());
    await adapter.logCall({ number: '1' });
    await adapter.logCall({ number: '2' });
    expect(requests()[1]!.provider).toBe('helpdeskeddy');
    const error = await failure(adapter.logCall({ number: '3' }));
    expect(error.kind).toBe('rate-limited');
    expect(error.details.status).toBe(429);
    expect(error.message).toContain('2 requests a minute');
    expect(error.message).toContain('20 minutes');
    sim.clock.advance(2 * 60_000);
    expect((await failure(adapter.logCall({ number: '4' }))).kind).toBe('rate-limited');
    sim.clock.advance(19 * 60_000);
    await expect(adapter.logCall({ number: '5' })).resolves.toEqual({ id: '3' });
  });

  it('a timeout is "timeout" and the card is not posted twice', async () => {
    sim.configure('helpdeskeddy', { delayMs: 600 });
    const error = await failure(helpdeskeddy.create(settings(), context({ timeoutMs: 150 })).logCall({ number: '1' }));
    expect(error.kind).toBe('timeout');
    await new Promise((r) => setTimeout(r, 700));
    expect(requests()).toHaveLength(1);
  });

  it('an unreachable host is "unreachable"; an HTTPS one is reported as a certificate or network problem', async () => {
    const http = await failure(
      helpdeskeddy.create(settings({ baseUrl: 'http://127.0.0.1:9' }), context()).logCall({ number: '1' }),
    );
    expect(http.kind).toBe('unreachable');
    expect(visible(http)).not.toContain(HDE_SIM.apiKey);
    const https = await failure(
      helpdeskeddy.create(settings({ baseUrl: 'https://127.0.0.1:9' }), context()).logCall({ number: '1' }),
    );
    expect(https.kind).toBe('certificate');
  });

  it('a 2xx that is not a call card (e.g. a login page) is "unexpected"', async () => {
    const htmlFetch: typeof fetch = async () => new Response('<html>login</html>', { status: 200 });
    const error = await failure(
      helpdeskeddy.create(settings(), context({ fetch: htmlFetch })).logCall({ number: '1' }),
    );
    expect(error.kind).toBe('unexpected');
  });
});

describe('helpdeskeddy test connection', () => {
  it('checks the credentials with a read of the ticket list, reports the API limit, creates nothing', async () => {
    const detail = english((await helpdeskeddy.create(settings(), context()).testConnection()).detail);
    expect(detail).toContain('accepted the e-mail and API key');
    expect(detail).toContain('300 requests a minute, 299 left');
    expect(detail).toContain('channel key can only be checked by creating a call card');
    expect(requests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/tickets/']);
    expect(requests()[0]!.headers.authorization).toBe(basic);
  });

  it('bad credentials: auth', async () => {
    const error = await failure(helpdeskeddy.create(settings({ apiKey: 'nope-nope' }), context()).testConnection());
    expect(error.kind).toBe('auth');
    expect(error.details.step).toBe('test');
  });

  it('an address that is not an HDE API: not-found with what to enter', async () => {
    const notFound: typeof fetch = async () => new Response('no', { status: 404 });
    const error = await failure(helpdeskeddy.create(settings(), context({ fetch: notFound })).testConnection());
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('helpdeskeddy.com');
  });
});

describe('helpdeskeddy simulator strictness', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}${callPath}`, { method: 'POST', headers: { Authorization: basic, ...headers }, body });

  it('rejects a urlencoded body (form-data only), unknown fields, and two audiences', async () => {
    const urlencoded = await post('action=create_call&direction=outgoing&phone=1', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(urlencoded.status).toBe(400);
    const unknown = new FormData();
    for (const [k, v] of Object.entries({
      action: 'create_call',
      direction: 'outgoing',
      phone: '1',
      pbx_user_ids: '1',
    }))
      unknown.append(k, v);
    const unknownAnswer = await post(unknown);
    expect(unknownAnswer.status).toBe(422);
    expect(await unknownAnswer.json()).toEqual({ errors: { pbx_user_ids: ['Unknown parameter.'] } });
    const both = new FormData();
    for (const [k, v] of Object.entries({ action: 'create_call', direction: 'outgoing', phone: '1' }))
      both.append(k, v);
    both.append('user_ids[]', '1');
    both.append('pbx_user_ids[]', '101');
    expect((await post(both)).status).toBe(422);
  });

  it('update_call changes the status of a card found by pbx_call_id', async () => {
    await helpdeskeddy.create(settings(), context()).logCall({ number: '1', callId: 'abc' });
    const form = new FormData();
    form.append('action', 'update_call');
    form.append('pbx_call_id', 'abc');
    form.append('call_status', 'answered');
    const answer = await post(form);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { call_status: string } }).data.call_status).toBe('answered');
  });
});

describe('helpdeskeddy simulator settings', () => {
  it('are a valid settings document (what `npm run sim` prints)', () => {
    const result = parseSettings(sim.settingsFor('helpdeskeddy'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
