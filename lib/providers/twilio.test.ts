import { describe, expect, it } from 'vitest';
import { TWILIO_SIM } from '../../tests/sim/twilio';
import { runProviderAction, type ActionRegistry } from '../dial/connection';
import { basicAuthorization } from '../net/basic-auth';
import { PROVIDERS } from './registry';
import { dialTwiml, listTwilioNumbers, twilio, twilioProblems, type TwilioProvider } from './twilio';
import { providerFailure } from '@/tests/unit/support/provider-errors';
import { fileSimulator, simAdapter, simContext } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator();

const { settings, adapter, requests } = simAdapter(sim, twilio);
const AUTH = basicAuthorization(TWILIO_SIM.apiKeySid, TWILIO_SIM.apiKeySecret);
const failure = (action: () => Promise<unknown>) =>
  providerFailure(action, [TWILIO_SIM.apiKeySecret, AUTH, AUTH.slice(6)]);
const dialRequest = { number: '+442079460958', autoAnswer: true };
const CALLS = `/2010-04-01/Accounts/${TWILIO_SIM.accountSid}/Calls.json`;

describe('twilio adapter against the simulator', () => {
  it('POSTs Calls.json form-encoded: To your phone, From the caller ID, Twiml <Dial>; keeps the Call SID', async () => {
    const outcome = await adapter().dial(dialRequest);
    const [request, ...rest] = requests();
    expect(rest).toHaveLength(0);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe(CALLS);
    expect([...request!.query.keys()]).toEqual([]);
    expect(request!.headers.authorization).toBe(AUTH);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      To: TWILIO_SIM.phone,
      From: TWILIO_SIM.number,
      Twiml: `<Response><Dial callerId="${TWILIO_SIM.number}">+442079460958</Dial></Response>`,
      Timeout: '30',
    });
    expect(outcome.callId).toMatch(/^CA[0-9a-f]{32}$/);
  });

  it('sends the same request whatever auto-answer says (a phone number is answered by a person)', async () => {
    await adapter().dial({ ...dialRequest, autoAnswer: true });
    await adapter().dial({ ...dialRequest, autoAnswer: false });
    const [on, off] = requests();
    expect(off!.body).toBe(on!.body);
  });

  it('escapes the TwiML', () => {
    expect(dialTwiml('+1<2>&"', '+1')).toBe('<Response><Dial callerId="+1">+1&#60;2&#62;&#38;&#34;</Dial></Response>');
  });

  it('names malformed SIDs and numbers, but lets the options page stand-in through', () => {
    expect(
      twilioProblems(settings({ accountSid: 'AC12', apiKeySid: 'XX', phone: '4155550177', callerId: '(415) 555-0100' }))
        .map((p) => p.field)
        .sort(),
    ).toEqual(['accountSid', 'apiKeySid', 'callerId', 'phone']);
    expect(twilioProblems(settings({ callerId: 'not-chosen-yet', phone: 'sip:me@pbx.example.com' }))).toEqual([]);
  });

  it('a wrong secret is 20003 "auth" after one request, showing no secret', async () => {
    const error = await failure(() => adapter({ apiKeySecret: 'WrongSecret0000000000000000000000' }).dial(dialRequest));
    expect([error.kind, error.details.status, error.details.providerMessage]).toEqual([
      'auth',
      401,
      '20003: Authenticate',
    ]);
    expect(requests()).toHaveLength(1);
  });

  it('maps Twilio error codes one by one', async () => {
    const cases: [Record<string, unknown>, Partial<TwilioProvider>, string, number][] = [
      [{ trial: true }, {}, 'permission', 21219],
      [{ geoBlocked: true }, {}, 'permission', 21215],
      [{ suspended: true }, {}, 'locked', 20005],
      [{ rateLimited: true }, {}, 'rate-limited', 20429],
      [{}, { callerId: '+14155550999' }, 'permission', 21210],
      [{}, { accountSid: `AC${'9'.repeat(32)}` }, 'not-found', 20404],
    ];
    for (const [configure, overrides, kind, code] of cases) {
      sim.reset();
      sim.configure('twilio', configure);
      const error = await failure(() => adapter(overrides).dial(dialRequest));
      expect([error.kind, error.details.providerMessage?.split(':')[0]], JSON.stringify(configure)).toEqual([
        kind,
        String(code),
      ]);
    }
  });
});

describe('twilio connection test and number list', () => {
  it('finds the caller ID among the account numbers; places no call', async () => {
    const outcome = await adapter().testConnection();
    expect(english(outcome.detail)).toContain(`${TWILIO_SIM.number} is one of the account's numbers`);
    expect(requests().map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual([
      `GET /2010-04-01/Accounts/${TWILIO_SIM.accountSid}/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550100`,
    ]);
  });

  it('then among the verified caller IDs, and says when it is neither', async () => {
    expect(english((await adapter({ callerId: TWILIO_SIM.verifiedCallerId }).testConnection()).detail)).toContain(
      'verified caller ID',
    );
    const error = await failure(() => adapter({ callerId: '+14155550999' }).testConnection());
    expect(error.kind).toBe('not-found');
    expect(requests().filter((r) => r.path.endsWith('/Calls.json'))).toHaveLength(0);
  });

  it('a wrong secret fails the test as "auth"', async () => {
    expect(
      (await failure(() => adapter({ apiKeySecret: 'WrongSecret1111111111111111111111' }).testConnection())).kind,
    ).toBe('auth');
  });

  it('lists the numbers and verified caller IDs to pick the caller ID from', async () => {
    expect(await listTwilioNumbers(settings(), simContext(sim))).toEqual([
      { id: TWILIO_SIM.number, name: '(415) 555-0100', extension: '' },
      { id: TWILIO_SIM.verifiedCallerId, name: 'Office line', extension: '' },
    ]);
  });

  it('runs as the listNumbers provider action while the caller ID is still blank', async () => {
    const document = { version: 1, provider: { ...settings(), callerId: '' } };
    const answer = await runProviderAction(document, 'listNumbers', undefined, {
      providers: PROVIDERS as unknown as ActionRegistry,
      context: () => simContext(sim),
      text: english,
    });
    expect(answer.ok).toBe(true);
    expect(answer.items.map((i) => i.id)).toEqual([TWILIO_SIM.number, TWILIO_SIM.verifiedCallerId]);
  });
});
