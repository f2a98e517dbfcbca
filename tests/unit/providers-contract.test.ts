/**
 * The shared contract every PBX provider (lib/providers/registry.ts) and every call log
 * (lib/calllog/registry.ts) keeps, run against the strict simulator in tests/sim (style.md: "One shared contract
 * suite runs for every provider", like unjs/unstorage `test/drivers/utils.ts`). Each adapter's quirks are tested
 * next to it (lib/providers/*.test.ts); this file holds only the promises they all make (issue 4,
 * design.md "Failures are part of the design"):
 *
 * - a dial with working settings is accepted and reaches the PBX as exactly one dial request;
 * - the connection test places no call, and sends nothing at all where the API has no way to check;
 * - wrong credentials are `auth`, an unreachable PBX `unreachable`, a slow one `timeout`, each after a single
 *   attempt: a dial is never retried (a retry could place two calls);
 * - no error carries a secret: settings fields of kind secret/apiKey/password, a password's MD5, a token the
 *   PBX issued, or a credential the adapter sent;
 * - `capabilities` is well-formed.
 *
 * How to make each simulator misbehave is in ./providers-contract-cases.ts.
 */
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { closedPort, fileSimulator, tokenRecordingFetch } from './support/simulator';
import { parseSettings } from '@/lib/settings/validate';
import { PROVIDERS } from '@/lib/providers/registry';
import { CALL_LOGS } from '@/lib/calllog/registry';
import { english, messageTable } from './support/locale';
import {
  ERROR_KINDS,
  ProviderError,
  type ConnectionTestOutcome,
  type ProviderCapabilities,
  type ProviderContext,
} from '@/lib/providers/types';
import {
  CALL_LOG_FIELDS,
  PROVIDER_FIELDS,
  PROVIDER_NUMBER_FORMATS,
  secretFields,
  type FieldSpec,
  type ProviderType,
} from '@/lib/settings/schema';
import { formatForPbx } from '@/lib/phone/format';
import type { UiText } from '@/lib/i18n/text';
import type { SimRequest } from '@/tests/sim/types';
import { CALL_LOG_CASES, PROVIDER_CASES, type SimCase } from './providers-contract-cases';

const CONNECTION_TESTS: readonly ProviderCapabilities['connectionTest'][] = ['login', 'identity', 'list', 'none'];

/** Short enough for the suite to stay fast, long enough that the simulator's delay is what ends the request. */
const TIMEOUT_MS = 200;
const SLOW_MS = 1500;

/** A PBX provider or a call log, seen through what the contract needs. */
interface Subject {
  /** Settings `type`, which is also the simulator's name. */
  type: string;
  kind: 'provider' | 'callLog';
  fields: Record<string, FieldSpec>;
  simCase: SimCase;
  /** `undefined` for call logs, which declare no capabilities. */
  capabilities?: ProviderCapabilities;
  create(settings: Record<string, unknown>, context: ProviderContext): Adapter;
}

interface Adapter {
  /** Places the call (provider) or creates the call card (call log). */
  act(): Promise<unknown>;
  testConnection(): Promise<ConnectionTestOutcome>;
}

/** The test number in each provider's default format (PROVIDER_NUMBER_FORMATS), as the dial service sends it. */
const dialFor = (type: ProviderType) => ({
  number: formatForPbx('+14155550132', {
    numberFormat: PROVIDER_NUMBER_FORMATS[type],
    outboundPrefix: '',
    defaultCountry: 'US',
  }),
  autoAnswer: true,
});
const LOGGED_CALL = { number: '+14155550132', callId: '1571620483.18', extension: '101' } as const;

const providerSubjects: Subject[] = Object.values(PROVIDERS).map((definition) => ({
  type: definition.type,
  kind: 'provider',
  fields: PROVIDER_FIELDS[definition.type],
  simCase: PROVIDER_CASES[definition.type],
  capabilities: definition.capabilities,
  create(settings, context) {
    // The registry's entries are typed per provider; the simulator's settings section is the matching shape.
    const adapter = definition.create(settings as never, context);
    return { act: () => adapter.dial(dialFor(definition.type)), testConnection: () => adapter.testConnection() };
  },
}));

const callLogSubjects: Subject[] = Object.values(CALL_LOGS).map((definition) => ({
  type: definition.type,
  kind: 'callLog',
  fields: CALL_LOG_FIELDS[definition.type],
  simCase: CALL_LOG_CASES[definition.type],
  create(settings, context) {
    const adapter = definition.create(settings as never, context);
    return { act: () => adapter.logCall({ ...LOGGED_CALL }), testConnection: () => adapter.testConnection() };
  },
}));

const sim = await fileSimulator();

/** A run of one adapter: its context, and the tokens the simulator issued to it. */
function run(timeoutMs = 5000): { context: ProviderContext; issued: Set<string> } {
  const issued = new Set<string>();
  let ids = 0;
  return {
    issued,
    context: {
      fetch: tokenRecordingFetch(issued),
      now: () => sim.clock.now(),
      timeoutMs,
      randomId: () => `contract-call-${++ids}`,
    },
  };
}

/**
 * The simulator's working settings section for this subject, exactly as the settings parser reads it (so the
 * simulator's documents, which `npm run sim` hands to people, are valid ones). Overrides may make it invalid on
 * purpose (wrong credentials of a bad shape): then the raw section is used.
 */
function workingSettings(subject: Subject, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const document = sim.settingsFor(subject.type, overrides);
  const key = subject.kind === 'provider' ? 'provider' : 'callLog';
  const parsed = parseSettings(document);
  if (Object.keys(overrides).length === 0) {
    expect(parsed.ok ? [] : parsed.problems, `${subject.type}: the simulator's settings are valid`).toEqual([]);
  }
  return (parsed.ok ? parsed.settings[key] : document[key]) as unknown as Record<string, unknown>;
}

/**
 * Every secret this test could leak: the settings' secret fields (kind `secret`, or named apiKey/password), a
 * password's MD5 (what Yeastar receives), extra secrets the case names, tokens the simulator issued, and every
 * credential the adapter sent (Authorization and X-Auth-Token headers, `token`/`key` query parameters).
 */
function secretsOf(
  subject: Subject,
  settingsUsed: Record<string, unknown>[],
  issued: Set<string>,
): Map<string, string> {
  const secrets = new Map<string, string>();
  const add = (label: string, value: unknown) => {
    if (typeof value === 'string' && value.length >= 6) secrets.set(value, label);
  };
  for (const settings of settingsUsed) {
    for (const name of secretFields(subject.fields)) {
      add(`settings.${name}`, settings[name]);
      if (name === 'password' && typeof settings[name] === 'string' && settings[name]) {
        add(
          'MD5 of the password',
          createHash('md5')
            .update(settings[name] as string, 'utf8')
            .digest('hex'),
        );
      }
    }
    for (const extra of subject.simCase.extraSecrets?.(settings) ?? []) add('a secret the case names', extra);
  }
  for (const token of issued) add('a token the simulator issued', token);
  for (const request of sim.requests) {
    const authorization = request.headers.authorization;
    if (authorization) {
      add('the Authorization header sent', authorization);
      const credential = authorization.replace(/^\S+\s+/, '');
      add('the credential in the Authorization header', credential);
      if (/^Basic /i.test(authorization)) {
        const decoded = Buffer.from(credential, 'base64').toString('utf8');
        add('the Basic credentials sent', decoded);
        add('the password part of the Basic credentials', decoded.slice(decoded.indexOf(':') + 1));
      }
    }
    add('the X-Auth-Token sent', request.headers['x-auth-token']);
    for (const name of ['token', 'key', 'access_token', 'api_key'])
      add(`the "${name}" query parameter`, request.query.get(name));
  }
  return secrets;
}

/** Everything of an error a person or a log could see: message, details, and the causes' messages. */
function visibleText(error: ProviderError): string {
  const { cause, ...details } = error.details;
  const parts = [error.message, JSON.stringify(details)];
  let next: unknown = cause;
  for (let depth = 0; next !== undefined && next !== null && depth < 5; depth++) {
    parts.push(next instanceof Error ? next.message : String(next));
    next = next instanceof Error ? next.cause : undefined;
  }
  return parts.join('\n');
}

/**
 * Awaits an action that must fail, checks the failure is a well-formed ProviderError carrying no secret, and
 * returns it. `settingsUsed` are the settings the adapter was created with (their secrets must not leak).
 */
async function failure(
  subject: Subject,
  action: Promise<unknown>,
  settingsUsed: Record<string, unknown>[],
  issued: Set<string>,
): Promise<ProviderError> {
  const outcome = await action.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a failure, but it succeeded with ${JSON.stringify(outcome.value)}`);
  const error = outcome.error;
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  expect(ERROR_KINDS).toContain(providerError.kind);
  expect(providerError.message.trim()).not.toBe('');
  expect(providerError.details.provider.trim()).not.toBe('');
  const text = visibleText(providerError);
  for (const [secret, label] of secretsOf(subject, settingsUsed, issued)) {
    expect(text.includes(secret), `the error shows ${label}: ${providerError.message}`).toBe(false);
  }
  return providerError;
}

const dialRequests = (subject: Subject): SimRequest[] => sim.requestsFor(subject.type).filter(subject.simCase.isDial);

/** A connection test's detail is a message of the locale table (so a German user reads it in German), not empty. */
function expectDetail(detail: UiText): void {
  expect(messageTable('en')[detail.key], detail.key).toBeDefined();
  expect(english(detail).trim()).not.toBe('');
}

describe('the contract tables cover every registered provider and call log', () => {
  it('has a row for each provider and nothing else', () => {
    expect(Object.keys(PROVIDER_CASES).sort()).toEqual(Object.keys(PROVIDERS).sort());
  });
  it('has a row for each call log and nothing else', () => {
    expect(Object.keys(CALL_LOG_CASES).sort()).toEqual(Object.keys(CALL_LOGS).sort());
  });
});

describe.each([...providerSubjects, ...callLogSubjects].map((s) => [`${s.type} (${s.kind})`, s] as const))(
  '%s keeps the shared contract',
  (_title, subject) => {
    const { simCase } = subject;
    const verb = subject.kind === 'provider' ? 'dial' : 'call card';

    beforeEach(() => simCase.forgetState?.());

    it(`accepts a ${verb} with the simulator's settings, as exactly one ${verb} request`, async () => {
      const { context } = run();
      const outcome = (await subject.create(workingSettings(subject), context).act()) as Record<string, unknown>;
      expect(outcome).toBeTypeOf('object');
      // A call id, where the API returns one, is something the PBX can be asked about later: never blank.
      const id = outcome.callId ?? outcome.id;
      if (id !== undefined) expect(id).toMatch(/\S/);
      expect(dialRequests(subject)).toHaveLength(1);
      // Every request went to a route the simulator implements for this provider.
      expect(sim.requests.map((r) => r.provider)).toEqual(sim.requests.map(() => subject.type));
    });

    if (subject.capabilities?.connectionTest === 'none') {
      it('has no connection test: testConnection sends nothing at all and says so', async () => {
        const { context } = run();
        const outcome = await subject.create(workingSettings(subject), context).testConnection();
        expectDetail(outcome.detail);
        expect(sim.requests).toHaveLength(0);
      });
    } else {
      it('testConnection succeeds with a detail, and places no call', async () => {
        const { context } = run();
        const outcome = await subject.create(workingSettings(subject), context).testConnection();
        expectDetail(outcome.detail);
        expect(sim.requestsFor(subject.type).length).toBeGreaterThan(0);
        expect(dialRequests(subject)).toHaveLength(0);
      });
    }

    it('the simulator table lists at least one way to present wrong credentials', () => {
      // Every provider here has credentials (custom ones in its headers); a provider without any would say so
      // in its case row with an empty list and change this expectation.
      expect(simCase.wrongCredentials.length).toBeGreaterThan(0);
    });

    describe.each(simCase.wrongCredentials.map((w) => [w.name, w] as const))('with %s', (_name, wrong) => {
      it(`a ${verb} fails as "auth", once, showing no secret`, async () => {
        if (wrong.configure) sim.configure(subject.type, wrong.configure);
        const { context, issued } = run();
        const settings = workingSettings(subject, wrong.settings);
        const error = await failure(
          subject,
          subject.create(settings, context).act(),
          [settings, workingSettings(subject)],
          issued,
        );
        expect(error.kind).toBe('auth');
        expect(error.details.status).toBeTypeOf('number');
        expect(dialRequests(subject).length).toBeLessThanOrEqual(1);
      });

      if (subject.capabilities?.connectionTest !== 'none') {
        it('testConnection fails as "auth" too, showing no secret', async () => {
          if (wrong.configure) sim.configure(subject.type, wrong.configure);
          const { context, issued } = run();
          const settings = workingSettings(subject, wrong.settings);
          const error = await failure(
            subject,
            subject.create(settings, context).testConnection(),
            [settings, workingSettings(subject)],
            issued,
          );
          expect(error.kind).toBe('auth');
          // Named as the connection test's failure or its login's (the options page says which step failed), never
          // as a dial's.
          expect(['test', 'login']).toContain(error.details.step);
          expect(dialRequests(subject)).toHaveLength(0);
        });
      }
    });

    it('a PBX whose port is closed is "unreachable" (plain http)', async () => {
      const port = await closedPort();
      const settings = JSON.parse(
        JSON.stringify(workingSettings(subject)).split(sim.url).join(`http://127.0.0.1:${port}`),
      ) as Record<string, unknown>;
      expect(JSON.stringify(settings)).not.toContain(sim.url);
      const { context, issued } = run();
      const error = await failure(subject, subject.create(settings, context).act(), [settings], issued);
      expect(error.kind).toBe('unreachable');
      expect(sim.requests).toHaveLength(0);
      if (subject.capabilities?.connectionTest !== 'none') {
        const testError = await failure(
          subject,
          subject.create(settings, context).testConnection(),
          [settings],
          issued,
        );
        expect(testError.kind).toBe('unreachable');
      }
    });

    it(`an answer slower than context.timeoutMs is "timeout", after exactly one request`, async () => {
      sim.configure(subject.type, simCase.slow(SLOW_MS));
      const { context, issued } = run(TIMEOUT_MS);
      const settings = workingSettings(subject);
      const started = Date.now();
      const error = await failure(subject, subject.create(settings, context).act(), [settings], issued);
      const elapsed = Date.now() - started;
      expect(error.kind).toBe('timeout');
      // The adapter gave up on its own clock, not when the simulator finally answered.
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(elapsed).toBeLessThan(SLOW_MS - 300);
      expect(sim.requests).toHaveLength(1);
    });

    it(`after a ${verb} went through, a slow ${verb} times out after exactly one more request (no retry, no re-login)`, async () => {
      const { context, issued } = run();
      const settings = workingSettings(subject);
      // One adapter for both, as a caller may keep one while the settings do not change: it may cache a token.
      const adapter = subject.create(settings, context);
      await adapter.act();
      const before = sim.requests.length;
      sim.configure(subject.type, simCase.slow(SLOW_MS));
      // Adapters read the timeout from their context for each request.
      context.timeoutMs = TIMEOUT_MS;
      const error = await failure(subject, adapter.act(), [settings], issued);
      expect(error.kind).toBe('timeout');
      const after = sim.requests.slice(before);
      expect(after).toHaveLength(1);
      expect(simCase.isDial(after[0]!)).toBe(true);
    });

    describe.each(simCase.failingAnswers.map((f) => [f.name, f] as const))(
      'when the PBX answers "%s"',
      (_n, answer) => {
        it(`the ${verb} fails as "${answer.kind}" and is never retried`, async () => {
          sim.configure(subject.type, answer.configure);
          const { context, issued } = run();
          const settings = workingSettings(subject);
          const error = await failure(subject, subject.create(settings, context).act(), [settings], issued);
          expect(error.kind).toBe(answer.kind);
          expect(error.details.status).toBeTypeOf('number');
          expect(dialRequests(subject)).toHaveLength(1);
        });
      },
    );

    if (subject.capabilities) {
      it('declares well-formed capabilities', () => {
        const capabilities = subject.capabilities!;
        expect(Object.keys(capabilities).sort()).toEqual(['connectionTest', 'extensionDialing']);
        expect(capabilities.extensionDialing).toBeTypeOf('boolean');
        expect(CONNECTION_TESTS).toContain(capabilities.connectionTest);
      });
    }
  },
);
