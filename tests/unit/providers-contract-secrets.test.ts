/**
 * Issue 14 item 5: no credential reaches anything a person, a colleague or a log can see. For every provider,
 * with HelpDeskEddy as the call log, the real dial service and the real adapters run against the simulator: a
 * placed call, every refusal the contract table lists, wrong credentials and the connection test. Then every
 * exported file (without secrets), history entry, notification, log line, dial answer, connection-test step and
 * call card field is searched for every secret: each settings field the schema marks secret (Kazoo's
 * click-to-call id, HelpDeskEddy's channel key, a custom provider's URL and headers included), a password's
 * MD5, the tokens the simulator issued, and the credentials named by the case table.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileSimulator, simDialService, tokenRecordingFetch } from './support/simulator';
import { CALL_LOGS } from '@/lib/calllog/registry';
import { testConnection } from '@/lib/dial/connection';
import type { CallLogRegistry, ProviderRegistry } from '@/lib/dial/service';
import { createStatusStore } from '@/lib/dial/status';
import { PROVIDERS } from '@/lib/providers/registry';
import {
  CALL_LOG_FIELDS,
  PROVIDER_FIELDS,
  PROVIDER_NUMBER_FORMATS,
  PROVIDER_TYPES,
  secretFields,
  type ProviderType,
} from '@/lib/settings/schema';
import { parseSettings } from '@/lib/settings/validate';
import { exportSettings } from '@/lib/ui/transfer';
import { parseMultipart } from '@/tests/sim/helpdeskeddy';
import { CALL_LOG_CASES, PROVIDER_CASES } from './providers-contract-cases';
import { english } from '@/tests/unit/support/locale';

/**
 * The credentials of each provider, independent of the schema: the API's own key or password, and what works as
 * one (Kazoo's click-to-call id with auth_required off, HelpDeskEddy's channel key, a custom endpoint's URL with
 * `passcode=` and its Authorization header).
 */
const CREDENTIALS: { [T in ProviderType]: string[] } & { helpdeskeddy: string[] } = {
  maxotel: ['apiKey'],
  'yeastar-s': ['password'],
  netsapiens: ['apiKey'],
  kazoo: ['clickToCallId', 'apiKey'],
  custom: ['url', 'headers'],
  'yeastar-p': ['clientId', 'clientSecret'],
  '3cx': ['clientId', 'clientSecret'],
  ringcentral: ['clientId', 'clientSecret', 'jwt'],
  'asterisk-ari': ['password'],
  freeswitch: ['password'],
  twilio: ['apiKeySecret'],
  helpdeskeddy: ['channelKey', 'apiKey'],
};

const sim = await fileSimulator(() => {
  for (const c of Object.values(PROVIDER_CASES)) c.forgetState?.();
});

/** Everything one run showed: its outputs as text, labelled. */
interface Shown {
  label: string;
  text: string;
}

function settingsDocument(type: ProviderType, overrides: Record<string, unknown> = {}) {
  const document = {
    ...sim.settingsFor(type, overrides),
    callLog: sim.settingsFor('helpdeskeddy').callLog,
    dialing: {
      defaultCountry: 'US',
      autoAnswer: true,
      confirm: false,
      numberFormat: PROVIDER_NUMBER_FORMATS[type],
      outboundPrefix: '',
    },
  };
  return document;
}

/** Runs the dial service and the connection test for one provider and settings; returns all it showed. */
async function runAll(document: Record<string, unknown>, issued: Set<string>): Promise<Shown[]> {
  const parsed = parseSettings(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const settings = parsed.settings;
  const fetch = tokenRecordingFetch(issued);
  const { service, area, notices, logs } = simDialService(sim, settings, { fetch, timeoutMs: 5000 });
  let ids = 0;
  const context = () => ({
    fetch,
    now: () => sim.clock.now(),
    timeoutMs: 3000,
    randomId: () => `run-${++ids}`,
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 50))),
  });
  const answer = await service.dial({ number: '+14155550132', source: 'popup' });
  const test = await testConnection(document, {
    text: english,
    providers: PROVIDERS as unknown as ProviderRegistry,
    callLogs: CALL_LOGS as unknown as CallLogRegistry,
    context,
    now: () => sim.clock.now(),
    status: createStatusStore(area),
  });
  const cards = sim
    .requestsFor('helpdeskeddy')
    .filter((r) => r.method === 'POST')
    .map((r) => JSON.stringify([...(parseMultipart(r.rawBody, r.headers['content-type'] ?? '') ?? new Map())]));
  return [
    { label: 'the dial answer', text: JSON.stringify(answer) },
    { label: 'the history and status in storage', text: JSON.stringify(area.data) },
    { label: 'a notification', text: JSON.stringify(notices) },
    { label: 'a log line', text: JSON.stringify(logs) },
    { label: 'the connection test', text: JSON.stringify(test) },
    { label: 'a call card', text: JSON.stringify(cards) },
    { label: 'the export without secrets', text: exportSettings(settings, false) },
  ];
}

/** Every secret of a settings document and of what the simulator issued. */
function secretsOf(document: Record<string, unknown>, issued: Set<string>): Map<string, string> {
  const secrets = new Map<string, string>();
  const add = (label: string, value: unknown) => {
    if (typeof value === 'string' && value.length >= 6) secrets.set(value, label);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) add(`${label}.${k}`, v);
    }
  };
  const provider = document.provider as Record<string, unknown>;
  const callLog = document.callLog as Record<string, unknown>;
  const type = provider.type as ProviderType;
  for (const name of new Set([...secretFields(PROVIDER_FIELDS[type]), ...CREDENTIALS[type]])) {
    add(`provider.${name}`, provider[name]);
    if (name === 'password' && typeof provider[name] === 'string') {
      add('MD5 of the password', createHash('md5').update(provider[name], 'utf8').digest('hex'));
    }
  }
  for (const name of new Set([...secretFields(CALL_LOG_FIELDS.helpdeskeddy), ...CREDENTIALS.helpdeskeddy])) {
    add(`callLog.${name}`, callLog[name]);
  }
  for (const extra of PROVIDER_CASES[provider.type as ProviderType].extraSecrets?.(provider) ?? []) {
    add('a credential the case names', extra);
  }
  for (const token of issued) add('a token the simulator issued', token);
  return secrets;
}

function expectNoSecret(shown: Shown[], secrets: Map<string, string>): void {
  for (const { label, text } of shown) {
    for (const [secret, name] of secrets) {
      expect(text.includes(secret), `${label} shows ${name}: ${text.slice(0, 400)}`).toBe(false);
    }
  }
}

describe('the schema marks every credential as secret', () => {
  it.each(PROVIDER_TYPES.map((t) => [t] as const))('%s', (type) => {
    expect(secretFields(PROVIDER_FIELDS[type])).toEqual(expect.arrayContaining(CREDENTIALS[type]));
  });
  it('helpdeskeddy', () => {
    expect(secretFields(CALL_LOG_FIELDS.helpdeskeddy)).toEqual(expect.arrayContaining(CREDENTIALS.helpdeskeddy));
  });
});

describe.each(PROVIDER_TYPES.map((t) => [t] as const))('%s with HelpDeskEddy', (type) => {
  const simCase = PROVIDER_CASES[type];

  it('a placed call shows no secret anywhere, and the call card was created', async () => {
    const issued = new Set<string>();
    const document = settingsDocument(type);
    const shown = await runAll(document, issued);
    expect(shown[0]!.text).toContain('queued');
    expect(sim.requestsFor('helpdeskeddy').some(CALL_LOG_CASES.helpdeskeddy.isDial)).toBe(true);
    expectNoSecret(shown, secretsOf(document, issued));
  });

  it.each(simCase.failingAnswers.map((f) => [f.name, f] as const))('refused (%s): no secret shown', async (_n, f) => {
    sim.configure(type, f.configure);
    const issued = new Set<string>();
    const document = settingsDocument(type);
    const shown = await runAll(document, issued);
    expect(shown[0]!.text).toContain('failed');
    expectNoSecret(shown, secretsOf(document, issued));
  });

  it.each(simCase.wrongCredentials.map((w) => [w.name, w] as const))('with %s: no secret shown', async (_n, w) => {
    if (w.configure) sim.configure(type, w.configure);
    const issued = new Set<string>();
    const document = settingsDocument(type, w.settings);
    if (!parseSettings(document).ok) return; // refused before any request: covered by the settings tests
    const shown = await runAll(document, issued);
    expect(shown[0]!.text).toContain('failed');
    expectNoSecret(shown, secretsOf(document, issued));
  });
});
