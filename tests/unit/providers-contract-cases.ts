/**
 * How to make each simulator do what the shared contract suite (./providers-contract.test.ts) needs: which
 * recorded requests are the dial itself, how to present wrong credentials, how to slow every answer, and how
 * to make the PBX refuse a dial after it accepted the credentials. The switches differ per simulator (see the
 * header of each file in tests/sim/), so they live in one small table here instead of in the suite.
 *
 * The tables are typed by the settings types, so a provider or call log added to the schema without a row
 * here is a type error (and the suite checks the same at run time).
 */
import { createHash } from 'node:crypto';
import type { ErrorKind } from '@/lib/providers/types';
import type { CallLogSettings, ProviderType } from '@/lib/settings/schema';
import { forgetKazooTokens } from '@/lib/providers/kazoo';
import { forgetYeastarSessions } from '@/lib/providers/yeastar-s';
import { forgetYeastarPSessions } from '@/lib/providers/yeastar-p';
import { forget3cxSessions } from '@/lib/providers/3cx';
import { forgetRingcentralSessions } from '@/lib/providers/ringcentral';
import type { SimRequest } from '@/tests/sim/types';

/** One way of presenting credentials the simulator refuses. */
export interface WrongCredentials {
  /** What is wrong, for the test title. */
  name: string;
  /** Merged over the simulator's working settings section. */
  settings: Record<string, unknown>;
  /** Simulator switches that make it refuse them (only where it does not check credentials itself). */
  configure?: Record<string, unknown>;
}

/** A refusal after the credentials were accepted: the kind of error the adapter must report for it. */
export interface FailingAnswer {
  name: string;
  configure: Record<string, unknown>;
  kind: ErrorKind;
}

export interface SimCase {
  /** True for a recorded request that places the call (or creates the call card), not a login. */
  isDial(request: SimRequest): boolean;
  /** Empty when the provider has no credentials of its own. */
  wrongCredentials: WrongCredentials[];
  /** Simulator switches that delay every answer by `ms`. */
  slow(ms: number): Record<string, unknown>;
  failingAnswers: FailingAnswer[];
  /** Secrets in the settings that the schema does not mark as such (e.g. a custom Authorization header). */
  extraSecrets?(settings: Record<string, unknown>): string[];
  /** Forgets state an adapter keeps beyond one instance (a module-level token cache). */
  forgetState?(): void;
}

/** Every simulator in tests/sim reads the same `delayMs` switch. */
const delay = (ms: number) => ({ delayMs: ms });

/** A 64-hex-character key of the right shape that the Kazoo simulator does not know. */
const UNKNOWN_KAZOO_KEY = createHash('sha256').update('not the simulated account key').digest('hex');

export const PROVIDER_CASES: { [T in ProviderType]: SimCase } = {
  maxotel: {
    isDial: (r) => r.path.replace(/\/+$/, '') === '/calls/initiate',
    wrongCredentials: [{ name: 'an unknown API key', settings: { apiKey: 'wrong-maxotel-key-7d41c0b9e2' } }],
    slow: delay,
    failingAnswers: [
      { name: 'extension not registered', configure: { extensionOnline: false }, kind: 'extension-unavailable' },
      { name: 'key lacks Click to Call', configure: { clickToCallPermission: false }, kind: 'permission' },
      { name: 'number refused', configure: { rejectNumber: true }, kind: 'number-rejected' },
    ],
  },
  'yeastar-s': {
    isDial: (r) => r.path === '/api/v2.0.0/call/dial',
    wrongCredentials: [{ name: 'a wrong password', settings: { password: 'Wrong-Pa55word-Yeastar!' } }],
    slow: delay,
    failingAnswers: [
      { name: 'extension busy (10008)', configure: { extensionBusy: true }, kind: 'extension-unavailable' },
      { name: 'no outbound permission (10024)', configure: { outboundPermission: false }, kind: 'permission' },
      { name: 'no outbound route (10031)', configure: { rejectNumber: '10031' }, kind: 'number-rejected' },
      { name: 'API service down (30003)', configure: { apiServerRunning: false }, kind: 'unexpected' },
    ],
    // The login is kept module-wide (storage.session in the browser), and a refused login pauses further ones.
    forgetState: forgetYeastarSessions,
  },
  netsapiens: {
    isDial: (r) => r.method === 'POST' && /\/users\/[^/]+\/calls\/?$/.test(r.path),
    wrongCredentials: [
      {
        name: 'a revoked API key',
        settings: { apiKey: 'nsu_' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7Mm6Ll5Kk4' + 'deadbeef' },
      },
    ],
    slow: delay,
    failingAnswers: [
      { name: 'read-only key', configure: { readOnly: true }, kind: 'permission' },
      { name: 'number refused', configure: { rejectNumber: true }, kind: 'number-rejected' },
    ],
  },
  kazoo: {
    // A connect without `contact` is refused before anything is originated: the no-token connection test
    // sends exactly that, and it places no call.
    isDial: (r) =>
      /\/clicktocall\/[^/]+\/connect$/.test(r.path) && (r.query.has('contact') || r.body.includes('contact')),
    wrongCredentials: [
      // The simulator answers 404 "bad identifier" with the key itself in `data` (cb_api_auth), so this also
      // checks that an echoed key is blanked.
      { name: 'an unknown API key', settings: { apiKey: UNKNOWN_KAZOO_KEY } },
      { name: 'an API key of the wrong length', settings: { apiKey: 'short-kazoo-key-0a1b2c3d' } },
      { name: 'no API key where the click-to-call requires one', settings: { apiKey: '' } },
    ],
    slow: delay,
    failingAnswers: [
      { name: 'number outside the whitelist', configure: { whitelist: ['^\\+44'] }, kind: 'number-rejected' },
      { name: 'account expired', configure: { accountLocked: true }, kind: 'locked' },
      // The connect answers 202; the failed originate shows only in /history (issue 14 item 4).
      {
        name: 'the originate fails (USER_BUSY)',
        configure: { originateCause: 'USER_BUSY' },
        kind: 'extension-unavailable',
      },
    ],
    // Tokens are cached per server and key for the whole module, so a token from an earlier test would turn
    // the next test's first request into a 401 and a renewal.
    forgetState: forgetKazooTokens,
  },
  custom: {
    isDial: (r) => r.path === '/custom/dial',
    // The custom simulator takes any request; an endpoint refusing a bearer token is a configured 401 whose
    // body echoes the token, as careless servers do.
    wrongCredentials: [
      {
        name: 'a bearer token the endpoint refuses',
        settings: { headers: { Authorization: 'Bearer cst_live_5f0c2a9e71b84d36' } },
        configure: { status: 401, body: 'Unauthorized: token cst_live_5f0c2a9e71b84d36 is not valid' },
      },
    ],
    slow: delay,
    failingAnswers: [
      { name: 'server error', configure: { status: 500, body: 'Internal Server Error' }, kind: 'unexpected' },
      { name: 'service unavailable', configure: { status: 503, body: 'try later' }, kind: 'unexpected' },
      { name: 'forbidden', configure: { status: 403, body: 'Forbidden' }, kind: 'permission' },
    ],
    // Header values are where a custom template keeps credentials (Authorization, X-Api-Key…).
    extraSecrets: (settings) =>
      Object.values((settings.headers as Record<string, string> | undefined) ?? {}).flatMap((v) => [
        v,
        ...v.split(/\s+/).filter((part) => part.length >= 8),
      ]),
  },
  'yeastar-p': {
    isDial: (r) => r.path === '/openapi/v1.0/call/dial',
    wrongCredentials: [
      { name: 'a wrong Client Secret', settings: { clientSecret: 'Wrong-Yeastar-P-Client-Secret-0000' } },
      { name: 'an unknown Client ID', settings: { clientId: 'Unknown-Yeastar-P-Client-Id-0000' } },
    ],
    slow: delay,
    failingAnswers: [
      { name: 'access denied (10005)', configure: { accessDenied: true }, kind: 'permission' },
      { name: 'action forbidden (70084)', configure: { actionForbidden: true }, kind: 'permission' },
      { name: 'callee refused (40002 callee)', configure: { rejectCallee: true }, kind: 'number-rejected' },
      { name: 'internal server error (-2)', configure: { internalError: true }, kind: 'unexpected' },
    ],
    // Tokens are kept module-wide (storage.session in the browser), and a refused login pauses further ones.
    forgetState: forgetYeastarPSessions,
  },
  '3cx': {
    isDial: (r) => r.method === 'POST' && /^\/callcontrol\/[^/]+\/makecall$/.test(r.path),
    wrongCredentials: [
      { name: 'a wrong API key', settings: { clientSecret: 'wrong-3cx-api-key-5d1c9e7a0b3f' } },
      { name: 'an unknown Client ID', settings: { clientId: 'unknown-client-901' } },
    ],
    slow: delay,
    failingAnswers: [
      { name: 'extension not monitored (403)', configure: { monitored: false }, kind: 'permission' },
      { name: 'destination refused (422)', configure: { rejectDestination: true }, kind: 'number-rejected' },
      { name: 'server error (500)', configure: { serverError: true }, kind: 'unexpected' },
      { name: 'rate limited (429)', configure: { rateLimited: true }, kind: 'rate-limited' },
    ],
    // The token is kept module-wide (storage.session in the browser).
    forgetState: forget3cxSessions,
  },
  ringcentral: {
    isDial: (r) => r.method === 'POST' && r.path === '/restapi/v1.0/account/~/extension/~/ring-out',
    wrongCredentials: [
      {
        name: 'a revoked JWT credential',
        settings: { jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXZva2VkIn0.revoked-sig' },
      },
      { name: 'a wrong client secret', settings: { clientSecret: 'wrong-rc-client-secret-00000' } },
    ],
    slow: delay,
    failingAnswers: [
      {
        name: 'app lacks the RingOut permission (403 CMN-408)',
        configure: { ringOutPermission: false },
        kind: 'permission',
      },
      {
        name: 'number refused (400 CMN-101 to.phoneNumber)',
        configure: { rejectNumber: true },
        kind: 'number-rejected',
      },
      {
        name: 'international calls disabled (callStatus)',
        configure: { internationalDisabled: true },
        kind: 'permission',
      },
      { name: 'rate limited (429 CMN-301)', configure: { rateLimited: true }, kind: 'rate-limited' },
    ],
    forgetState: forgetRingcentralSessions,
  },
  'asterisk-ari': {
    // The connection test's write check is an originate without an endpoint, refused before anything is dialled.
    isDial: (r) => r.method === 'POST' && r.path === '/ari/channels' && /"endpoint"/.test(r.body),
    wrongCredentials: [{ name: 'a wrong ARI password', settings: { password: 'Wrong-Ari-Password-0c4d' } }],
    slow: delay,
    failingAnswers: [
      {
        name: 'no phone registered to the endpoint (500)',
        configure: { extensionOnline: false },
        kind: 'extension-unavailable',
      },
      { name: 'read-only ARI user (403)', configure: { readOnly: true }, kind: 'permission' },
      { name: 'Asterisk not booted (503)', configure: { booted: false }, kind: 'unexpected' },
    ],
  },
  freeswitch: {
    // The connection test's permission check is a bgapi without arguments, which runs nothing.
    isDial: (r) => r.path === '/txtapi/bgapi' && (r.rawQuery ?? '').startsWith('originate'),
    wrongCredentials: [{ name: 'a wrong password', settings: { password: 'Wrong-FS-Password-5e1a' } }],
    slow: delay,
    failingAnswers: [
      { name: 'user may not run bgapi (403)', configure: { bgapiAllowed: false }, kind: 'permission' },
      { name: 'mod_commands not loaded (INVALID COMMAND)', configure: { commandsLoaded: false }, kind: 'unexpected' },
    ],
  },
  twilio: {
    isDial: (r) => r.method === 'POST' && r.path.endsWith('/Calls.json'),
    wrongCredentials: [
      { name: 'a wrong API key secret (20003)', settings: { apiKeySecret: 'WrongTwilioSecret9z8y7x6w5v4u3t2s' } },
    ],
    slow: delay,
    failingAnswers: [
      { name: 'trial account, phone not verified (21219)', configure: { trial: true }, kind: 'permission' },
      { name: 'Voice Geo Permissions (21215)', configure: { geoBlocked: true }, kind: 'permission' },
      { name: 'account suspended (20005)', configure: { suspended: true }, kind: 'locked' },
      { name: 'too many requests (20429)', configure: { rateLimited: true }, kind: 'rate-limited' },
    ],
  },
};

export const CALL_LOG_CASES: { [T in CallLogSettings['type']]: SimCase } = {
  helpdeskeddy: {
    isDial: (r) => r.method === 'POST' && r.path.startsWith('/api/v2/telephony/calls/'),
    wrongCredentials: [{ name: 'a wrong API key', settings: { apiKey: 'a0b1c2d3-wrong-4e5f-hde-key-66778899' } }],
    slow: delay,
    failingAnswers: [
      { name: 'telephony not allowed', configure: { telephonyAllowed: false }, kind: 'permission' },
      { name: 'over the rate limit', configure: { rpm: 0 }, kind: 'rate-limited' },
    ],
  },
};
