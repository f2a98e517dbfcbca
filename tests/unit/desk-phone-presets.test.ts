/**
 * The custom provider's desk-phone presets (issue 12) against the simulated phones (tests/sim/desk-phones.ts):
 * each preset's request, filled in from the phone's address and credentials, is accepted by its phone exactly
 * as that phone's documentation describes the command, and each phone's refusal reaches the user in its words.
 */
import { describe, expect, it } from 'vitest';
import { fileSimulator } from './support/simulator';
import { custom, type CustomProvider } from '@/lib/providers/custom';
import { DESK_PHONE_PRESETS, deskPhoneRequest, type DeskPhoneId } from '@/lib/providers/desk-phones';
import { ProviderError, type ProviderContext } from '@/lib/providers/types';
import { parseSettings } from '@/lib/settings/validate';
import { DESK_PHONE_SIM } from '@/tests/sim/desk-phones';

const sim = await fileSimulator();

const context = (): ProviderContext => ({
  fetch: globalThis.fetch.bind(globalThis),
  now: Date.now,
  timeoutMs: 5000,
  randomId: () => 'desk-phone-test',
});

function preset(id: DeskPhoneId) {
  return DESK_PHONE_PRESETS.find((p) => p.id === id)!;
}

/** The custom provider settings a preset fills in, checked by the settings parser as a saved document is. */
function settingsFor(id: DeskPhoneId, password: string = DESK_PHONE_SIM.password, username = ''): CustomProvider {
  const p = preset(id);
  const filled = deskPhoneRequest(p, { address: `127.0.0.1:${sim.port}`, username, password });
  if (!filled.ok) throw new Error(filled.problems.join(' '));
  // The simulator speaks plain http; a real Poly phone's API is https (the preset's default).
  const request = { ...filled.request, url: filled.request.url.replace(/^https:/, 'http:') };
  const parsed = parseSettings({ version: 1, provider: { type: 'custom', ...request, extension: '' } });
  expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  return (parsed as { settings: { provider: CustomProvider } }).settings.provider;
}

async function dial(settings: CustomProvider, number = '4155550132'): Promise<unknown> {
  return custom.create(settings, context()).dial({ number, autoAnswer: true });
}

async function failure(settings: CustomProvider, number?: string): Promise<ProviderError> {
  const error = await dial(settings, number).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('desk-phone presets against the simulated phones', () => {
  it('Yealink: GET /servlet?key=number=… with the web credentials as Basic auth', async () => {
    await expect(dial(settingsFor('yealink'))).resolves.toEqual({});
    const [request] = sim.requestsFor('custom');
    expect(request).toMatchObject({ method: 'GET', path: '/servlet' });
    expect(request!.query.get('key')).toBe('number=4155550132');
    expect(request!.headers.authorization).toBe(`Basic ${btoa(`admin:${DESK_PHONE_SIM.password}`)}`);
    expect(sim.requestsFor('custom')).toHaveLength(1);
  });

  it('Snom: GET /command.htm?number=…; a wrong password is "auth"', async () => {
    await expect(dial(settingsFor('snom'), '+4930123456')).resolves.toEqual({});
    const [request] = sim.requestsFor('custom');
    expect(request).toMatchObject({ method: 'GET', path: '/command.htm' });
    expect(request!.query.get('number')).toBe('+4930123456');
    const error = await failure(settingsFor('snom', 'wrong-password'));
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('wrong-password');
  });

  it('Grandstream: GET /cgi-bin/api-make_call with passcode and phonenumber; an "error" answer with HTTP 200 is a failure', async () => {
    await expect(dial(settingsFor('grandstream'))).resolves.toEqual({});
    const [request] = sim.requestsFor('custom');
    expect(request).toMatchObject({ method: 'GET', path: '/cgi-bin/api-make_call' });
    expect(Object.fromEntries(request!.query)).toEqual({
      passcode: DESK_PHONE_SIM.password,
      phonenumber: '4155550132',
    });
    expect(request!.headers.authorization).toBeUndefined();
    const error = await failure(settingsFor('grandstream', 'not-the-passcode'));
    expect(error.kind).toBe('unexpected');
    expect(error.message).toBe('The phone refused the call: it answered "error" (unauthorized).');
    expect(JSON.stringify(error)).not.toContain('not-the-passcode');
  });

  it('Poly: POST /api/v1/callctrl/dial with the JSON dial body; a Status other than 2000 is a failure of its kind', async () => {
    await expect(dial(settingsFor('poly'))).resolves.toEqual({});
    const [request] = sim.requestsFor('custom');
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/callctrl/dial' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.authorization).toBe(`Basic ${btoa(`Polycom:${DESK_PHONE_SIM.password}`)}`);
    expect(JSON.parse(request!.body)).toEqual({ data: { Dest: '4155550132', Line: '1', Type: 'TEL' } });

    sim.configure('custom', { polyStatus: '4002' });
    const error = await failure(settingsFor('poly'));
    expect(error.kind).toBe('extension-unavailable');
    expect(error.message).toBe('The phone refused the call: Status 4002 (line not registered).');
  });

  it('Fanvil: GET /cgi-bin/ConfigManApp.com?key=<number>;ENTER with the web credentials as Basic auth; a wrong password is "auth"', async () => {
    await expect(dial(settingsFor('fanvil'))).resolves.toEqual({});
    const [request] = sim.requestsFor('custom');
    expect(request).toMatchObject({ method: 'GET', path: '/cgi-bin/ConfigManApp.com' });
    expect(Object.fromEntries(request!.query)).toEqual({ key: '4155550132;ENTER' });
    expect(request!.headers.authorization).toBe(`Basic ${btoa(`admin:${DESK_PHONE_SIM.password}`)}`);
    expect(sim.requestsFor('custom')).toHaveLength(1);

    const error = await failure(settingsFor('fanvil', 'wrong-password'));
    expect(error.kind).toBe('auth');
    expect(error.details.status).toBe(401);
    expect(JSON.stringify(error)).not.toContain('wrong-password');
  });

  it('Fanvil: the number goes into the key sequence escaped, so it cannot add keys or parameters', async () => {
    // A number is pressed key by key: one holding ";" or "&" must not become another key or parameter.
    const error = await failure(settingsFor('fanvil'), '123;F_REBOOT&x=1');
    expect(error.details.status).toBe(400);
    const [request] = sim.requestsFor('custom');
    expect(request!.rawQuery).toBe('key=123%3BF_REBOOT%26x%3D1;ENTER');
    expect(Object.fromEntries(request!.query)).toEqual({ key: '123;F_REBOOT&x=1;ENTER' });
  });

  it('every preset names its source and fills a template the settings accept', () => {
    for (const p of DESK_PHONE_PRESETS) {
      expect(p.source.url, p.id).toMatch(/^https:\/\//);
      expect(p.source.title.length, p.id).toBeGreaterThan(10);
      const filled = deskPhoneRequest(p, { address: '192.168.1.20', username: '', password: 'pw' });
      expect(filled.ok, p.id).toBe(true);
      if (!filled.ok) continue;
      const parsed = parseSettings({ version: 1, provider: { type: 'custom', ...filled.request, extension: '' } });
      expect(parsed.ok ? [] : parsed.problems, p.id).toEqual([]);
    }
  });
});
