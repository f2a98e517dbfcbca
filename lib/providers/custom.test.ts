import { describe, expect, it } from 'vitest';
import { fileSimulator } from '@/tests/unit/support/simulator';
import { parseSettings } from '@/lib/settings/validate';
import type { CustomProvider } from './custom';
import { bodyEscaping, custom, renderCustomRequest, validateCustomTemplate } from './custom';
import type { ProviderContext } from './types';
import { providerFailure } from '@/tests/unit/support/provider-errors';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator();

function context(overrides: Partial<ProviderContext> = {}): ProviderContext {
  return { fetch: globalThis.fetch, now: () => Date.now(), timeoutMs: 3000, randomId: () => 'unused', ...overrides };
}

function settings(overrides: Partial<CustomProvider> = {}): CustomProvider {
  return { ...(sim.settingsFor('custom').provider as CustomProvider), ...overrides };
}

const requests = () => sim.requestsFor('custom');
const dial = (s: CustomProvider, number = '+14155550132', ctx = context()) =>
  custom.create(s, ctx).dial({ number, autoAnswer: true });

const failure = (promise: Promise<unknown>) => providerFailure(promise);

describe('custom template: requests sent', () => {
  it('GET: fills {number} and {extension} into the URL, URL-escaped, and sends no body', async () => {
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(String(input));
      return globalThis.fetch(input, init);
    };
    const outcome = await dial(settings(), '+14155550132', context({ fetch: spy }));
    expect(outcome).toEqual({});
    expect(requests()).toHaveLength(1);
    const [request] = requests();
    expect(request!.method).toBe('GET');
    expect(request!.path).toBe('/custom/dial');
    expect(request!.query.get('to')).toBe('+14155550132');
    expect(request!.query.get('from')).toBe('101');
    expect(request!.body).toBe('');
    expect(seen[0]).toBe(`${sim.url}/custom/dial?to=%2B14155550132&from=101`);
  });

  it('POST JSON: escapes as a JSON string inside the user quotes and sends the user headers as typed', async () => {
    await dial(
      settings({
        method: 'POST',
        url: `${sim.url}/custom/dial`,
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer s3cret-token-123' },
        body: '{"to":"{number}","from":"{extension}","note":"click-to-dial"}',
      }),
    );
    const [request] = requests();
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.authorization).toBe('Bearer s3cret-token-123');
    expect(JSON.parse(request!.body)).toEqual({ to: '+14155550132', from: '101', note: 'click-to-dial' });
  });

  it('PUT form-urlencoded: form-encodes the values', async () => {
    await dial(
      settings({
        method: 'PUT',
        url: `${sim.url}/custom/dial`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'to={number}&from={extension}',
      }),
    );
    const [request] = requests();
    expect(request!.method).toBe('PUT');
    expect(request!.body).toBe('to=%2B14155550132&from=101');
    expect(new URLSearchParams(request!.body).get('to')).toBe('+14155550132');
  });

  it('other content types get the raw value', async () => {
    await dial(
      settings({
        method: 'POST',
        url: `${sim.url}/custom/dial`,
        headers: { 'Content-Type': 'text/xml' },
        body: '<dial number="{number}"/>',
      }),
    );
    expect(requests()[0]!.body).toBe('<dial number="+14155550132"/>');
  });
});

describe('custom template: escaping and validation (no network)', () => {
  const base: CustomProvider = {
    type: 'custom',
    method: 'GET',
    url: 'https://pbx.example.com/dial?to={number}&ext={extension}',
    headers: {},
    body: '',
    extension: '204',
  };

  it('a value cannot add query parameters or break out of the JSON string', () => {
    const url = new URL(renderCustomRequest(base, '1&admin=1#x').url);
    expect(url.searchParams.get('to')).toBe('1&admin=1#x');
    expect(url.searchParams.has('admin')).toBe(false);
    const json = renderCustomRequest(
      {
        ...base,
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: '{"to":"{number}"}',
      },
      'a"b\\c',
    );
    expect(JSON.parse(json.body!)).toEqual({ to: 'a"b\\c' });
  });

  it('placeholders are filled in one pass (a value holding "{extension}" stays literal)', () => {
    const url = new URL(renderCustomRequest(base, '{extension}').url);
    expect(url.searchParams.get('to')).toBe('{extension}');
  });

  it('picks escaping from the Content-Type header, whatever its case', () => {
    expect(bodyEscaping({ 'CONTENT-TYPE': 'application/vnd.api+json' })).toBe('json');
    expect(bodyEscaping({ 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' })).toBe('form');
    expect(bodyEscaping({})).toBe('raw');
  });

  it('names every problem in a broken template', () => {
    expect(validateCustomTemplate(base)).toEqual([]);
    expect(validateCustomTemplate({ ...base, url: 'https://pbx.example.com/dial?to={numbr}' })).toEqual([
      'The URL has an unknown placeholder {numbr}: use {number} or {extension}.',
      'The URL (or the body of a POST or PUT) must contain {number}, where the number goes.',
    ]);
    expect(validateCustomTemplate({ ...base, extension: '' })).toContain(
      'The template uses {extension}, but no extension is set.',
    );
    expect(validateCustomTemplate({ ...base, body: 'x={number}' })).toContain(
      'A GET request cannot carry a body: choose POST or PUT, or clear the body.',
    );
    expect(validateCustomTemplate({ ...base, url: 'https://admin:pw@pbx.example.com/?n={number}' })).toContain(
      'The URL must not contain a user name or password: put them in an Authorization header.',
    );
    expect(
      validateCustomTemplate({
        ...base,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"to":{number}}',
      }),
    ).toContain('The body is not valid JSON once {number} is filled in (placeholders go inside quotes).');
  });

  it('cannot promise extension dialling, and has no connection test that avoids a call', () => {
    expect(custom.capabilities).toEqual({ extensionDialing: false, connectionTest: 'none' });
  });
});

describe('custom template: answers', () => {
  it('any 2xx is queued (204 with no body too)', async () => {
    sim.configure('custom', { status: 204, body: '' });
    await expect(dial(settings())).resolves.toEqual({});
  });

  it('a 5xx is an error with the status and a short excerpt, sent exactly once', async () => {
    sim.configure('custom', { status: 503, body: `Line busy ${'x'.repeat(400)}` });
    const error = await failure(dial(settings()));
    expect(error.kind).toBe('unexpected');
    expect(error.details.status).toBe(503);
    expect(error.message).toContain('HTTP 503');
    expect(error.message).toContain('Line busy');
    expect(error.message.length).toBeLessThan(200);
    expect(requests()).toHaveLength(1);
  });

  it('401, 403, 404 and 429 map to auth, permission, not-found and rate-limited', async () => {
    const kinds: string[] = [];
    for (const status of [401, 403, 404, 429]) {
      sim.configure('custom', { status, body: { error: 'no' } });
      kinds.push((await failure(dial(settings()))).kind);
    }
    expect(kinds).toEqual(['auth', 'permission', 'not-found', 'rate-limited']);
  });

  it('a wrong path is not-found', async () => {
    const error = await failure(dial(settings({ url: `${sim.url}/custom/wrong?to={number}` })));
    expect(error.kind).toBe('not-found');
  });

  it('takes the user header secrets and URL query secrets out of an echoed answer', async () => {
    sim.configure('custom', { status: 400, body: 'bad request: key=qk-9f8e7d6c token=s3cret-token-123' });
    const error = await failure(
      dial(
        settings({
          url: `${sim.url}/custom/dial?to={number}&key=qk-9f8e7d6c`,
          headers: { Authorization: 'Bearer s3cret-token-123' },
        }),
      ),
    );
    const visible = `${error.message} ${error.details.providerMessage}`;
    expect(visible).toContain('bad request');
    expect(visible).not.toContain('qk-9f8e7d6c');
    expect(visible).not.toContain('s3cret-token-123');
    expect(visible).not.toContain(sim.url);
  });

  it('a broken template sends nothing and says what to fix', async () => {
    const error = await failure(dial(settings({ url: `${sim.url}/custom/dial?to={nuber}` })));
    expect(error.message).toContain('{nuber}');
    expect(requests()).toHaveLength(0);
  });

  it('a timeout is "timeout" and the request is not repeated', async () => {
    sim.configure('custom', { delayMs: 600 });
    const error = await failure(dial(settings(), '+14155550132', context({ timeoutMs: 150 })));
    expect(error.kind).toBe('timeout');
    await new Promise((r) => setTimeout(r, 700));
    expect(requests()).toHaveLength(1);
  });

  it('an unreachable host is "unreachable", without the URL query', async () => {
    const error = await failure(dial(settings({ url: 'http://127.0.0.1:9/dial?to={number}&key=qk-9f8e7d6c' })));
    expect(error.kind).toBe('unreachable');
    expect(error.message).not.toContain('qk-9f8e7d6c');
  });

  it('a method the endpoint does not take is reported with its status', async () => {
    sim.configure('custom', { method: 'POST' });
    const error = await failure(dial(settings()));
    expect(error.details.status).toBe(405);
  });
});

describe('custom template: test connection', () => {
  it('validates the template and says nothing was sent', async () => {
    const detail = english((await custom.create(settings(), context()).testConnection()).detail);
    expect(detail).toContain('template is valid');
    expect(detail).toContain('cannot be checked without placing a call');
    expect(requests()).toHaveLength(0);
  });

  it('reports template problems', async () => {
    const error = await failure(custom.create(settings({ extension: '' }), context()).testConnection());
    expect(error.message).toContain('{extension}');
  });
});

describe('custom simulator settings', () => {
  it('are a valid settings document (what `npm run sim` prints)', () => {
    const result = parseSettings(sim.settingsFor('custom'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
