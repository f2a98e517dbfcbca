/**
 * Issue 14 item 8 and issue 15 item 8, against the simulator: redirects are never followed (a followed 301 turns
 * the POST into a keyless GET, or carries custom headers and X-Auth-Token to another host), a web page where an
 * API answer belongs is an error (an SSO login page is not "Calling"), and an offline browser is "offline", not
 * a certificate problem.
 */
import { describe, expect, it } from 'vitest';
import { custom, type CustomProvider } from '@/lib/providers/custom';
import { netsapiens, type NetsapiensProvider } from '@/lib/providers/netsapiens';
import { forgetYeastarSessions, yeastarS, type YeastarSProvider } from '@/lib/providers/yeastar-s';
import { httpRequest } from '@/lib/net/http';
import { providerFailure } from './support/provider-errors';
import { fileSimulator, simContext, simProvider } from './support/simulator';

const sim = await fileSimulator(forgetYeastarSessions);

const dial = { number: '14155550132', autoAnswer: true };

describe('redirects are reported, never followed', () => {
  it('Yeastar on http:// redirecting to https:// says to use the https address, not a certificate or auth error', async () => {
    sim.configure('yeastar-s', { redirectToHttps: true });
    const settings = simProvider<YeastarSProvider>(sim, 'yeastar-s');
    const error = await providerFailure(yeastarS.create(settings, simContext(sim)).dial(dial));
    expect(error.kind).toBe('unexpected');
    const https = sim.url.replace('http://', 'https://');
    expect(error.message).toBe(
      `The Yeastar S-Series address redirects to ${https}/api/v2.0.0/login; use that address in the settings (requests are not sent on to another address, so credentials stay with the PBX).`,
    );
    // Only the one login request reached the PBX; nothing went to https.
    expect(sim.requestsFor('yeastar-s').map((r) => r.path)).toEqual(['/api/v2.0.0/login']);
  });

  it('NetSapiens moved (301): the POST is not turned into a keyless GET and reported as a wrong key', async () => {
    sim.configure('netsapiens', { movedTo: 'http://portal2.invalid' });
    const settings = simProvider<NetsapiensProvider>(sim, 'netsapiens');
    const error = await providerFailure(netsapiens.create(settings, simContext(sim)).dial(dial), [settings.apiKey]);
    expect(error.kind).not.toBe('auth');
    expect(error.message).toMatch(
      /^The NetSapiens address redirects to http:\/\/portal2\.invalid\/ns-api\/v2\/domains/,
    );
    expect(sim.requests).toHaveLength(1);
  });

  it('a custom endpoint behind SSO (302 to a login page) is an error, and the headers never reach the login host', async () => {
    sim.configure('custom', { redirectTo: `${sim.url}/custom/sso-login` });
    const settings = simProvider<CustomProvider>(sim, 'custom', { headers: { Authorization: 'Bearer cst_live_77aa' } });
    const error = await providerFailure(custom.create(settings, simContext(sim)).dial(dial), ['cst_live_77aa']);
    expect(error.message).toMatch(/redirects to http:\/\/127\.0\.0\.1:\d+\/custom\/sso-login; use that address/);
    expect(sim.requests.map((r) => r.path)).toEqual(['/custom/dial']);
  });

  it('an opaque redirect (what an extension sees with redirect: manual) names the origin to open', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), text: async () => '' };
    const fetchStub = (async () => opaque) as unknown as typeof fetch;
    const error = await providerFailure(
      httpRequest(
        simContext(sim, { fetch: fetchStub }),
        { method: 'GET', url: 'http://pbx.example:8088/api/x?token=s3cr3t-token' },
        'Yeastar S-Series',
        'dial',
      ),
      ['s3cr3t-token'],
    );
    expect(error.message).toMatch(
      /^The Yeastar S-Series address \(http:\/\/pbx\.example:8088\) redirects elsewhere, often from http:\/\/ to https:\/\//,
    );
  });

  it('sends every request with redirect: "manual"', async () => {
    const seen: RequestInit[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(init ?? {});
      return globalThis.fetch(input, init);
    };
    await custom.create(simProvider<CustomProvider>(sim, 'custom'), simContext(sim, { fetch: spy })).dial(dial);
    expect(seen.map((i) => i.redirect)).toEqual(['manual']);
  });
});

describe('a web page is not an API answer', () => {
  it('custom: a 200 HTML login page is an error, not "Calling"', async () => {
    sim.configure('custom', { body: '<!DOCTYPE html><html><body>Sign in</body></html>', contentType: 'text/html' });
    const settings = simProvider<CustomProvider>(sim, 'custom');
    const error = await providerFailure(custom.create(settings, simContext(sim)).dial(dial));
    expect(error.kind).toBe('unexpected');
    expect(error.message).toMatch(/answered with a web page \(HTML\), not an API answer: often a login or portal page/);
  });

  it('NetSapiens: a 200 SSO portal page is an error for the dial and for the connection test', async () => {
    sim.configure('netsapiens', { ssoPage: true });
    const settings = simProvider<NetsapiensProvider>(sim, 'netsapiens');
    const adapter = netsapiens.create(settings, simContext(sim));
    expect((await providerFailure(adapter.dial(dial))).message).toMatch(/web page \(HTML\)/);
    expect((await providerFailure(adapter.testConnection())).message).toMatch(/web page \(HTML\)/);
  });
});

describe('offline', () => {
  it('a failed request while the browser is offline says offline, not certificate', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const settings = simProvider<NetsapiensProvider>(sim, 'netsapiens', { baseUrl: 'https://portal.example.com' });
    const offline = await providerFailure(
      netsapiens.create(settings, simContext(sim, { fetch: failing, online: () => false })).dial(dial),
    );
    expect(offline.kind).toBe('unreachable');
    expect(offline.message).toBe(
      'This computer is offline, so NetSapiens could not be reached: connect to the network and try again.',
    );
    const online = await providerFailure(
      netsapiens.create(settings, simContext(sim, { fetch: failing, online: () => true })).dial(dial),
    );
    expect(online.kind).toBe('certificate');
  });
});
