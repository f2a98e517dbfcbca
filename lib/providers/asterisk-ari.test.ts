import { describe, expect, it } from 'vitest';
import { ASTERISK_SIM } from '../../tests/sim/asterisk-ari';
import { ariCallerId, ariRoot, asteriskAri, asteriskAriProblems, autoAnswerVariables } from './asterisk-ari';
import { basicAuthorization } from '../net/basic-auth';
import { providerFailure } from '@/tests/unit/support/provider-errors';
import { fileSimulator, simAdapter } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator();

const { settings, adapter, requests } = simAdapter(sim, asteriskAri);
const AUTH = basicAuthorization(ASTERISK_SIM.username, ASTERISK_SIM.password);
const SECRETS = [ASTERISK_SIM.password, AUTH, AUTH.slice(6)];
const failure = (action: () => Promise<unknown>) => providerFailure(action, SECRETS);
const dialRequest = { number: '0014155550132', autoAnswer: true };

describe('asterisk-ari adapter against the simulator', () => {
  it('originates with one POST /ari/channels: Basic auth, everything in the JSON body, the header variable', async () => {
    const outcome = await adapter().dial(dialRequest);
    const [request, ...rest] = requests();
    expect(rest).toHaveLength(0);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/ari/channels');
    expect([...request!.query.keys()]).toEqual([]);
    expect(request!.headers.authorization).toBe(AUTH);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({
      endpoint: 'PJSIP/101',
      extension: '0014155550132',
      context: 'from-internal',
      priority: 1,
      callerId: '"0014155550132" <101>',
      timeout: 30,
      variables: { 'PJSIP_HEADER(add,Call-Info)': 'answer-after=0' },
    });
    // The channel's id, to end the call later.
    expect(outcome.callId).toMatch(/^\d+\.1$/);
  });

  it('sends no header variable with auto-answer off, or with no header set', async () => {
    await adapter().dial({ number: '4155550132', autoAnswer: false });
    await adapter({ autoAnswerHeader: '' }).dial({ number: '4155550132', autoAnswer: true });
    for (const request of requests()) expect(JSON.parse(request.body)).not.toHaveProperty('variables');
  });

  it('adds the header the phone honours: Alert-Info on PJSIP, SIPADDHEADER01 on chan_sip', async () => {
    await adapter({ autoAnswerHeader: 'Alert-Info: info=alert-autoanswer' }).dial(dialRequest);
    await adapter({ endpoint: 'SIP/201', autoAnswerHeader: 'Alert-Info: Ring Answer' }).dial(dialRequest);
    const [pjsip, sip] = requests().map((r) => JSON.parse(r.body).variables);
    expect(pjsip).toEqual({ 'PJSIP_HEADER(add,Alert-Info)': 'info=alert-autoanswer' });
    expect(sip).toEqual({ SIPADDHEADER01: 'Alert-Info: Ring Answer' });
    expect(autoAnswerVariables('IAX2/101', 'Call-Info: answer-after=0')).toEqual({});
  });

  it('uses the caller ID number set, else the endpoint resource when it is a number', () => {
    expect(ariCallerId(settings({ callerId: '2000' }), '4155550132')).toBe('"4155550132" <2000>');
    expect(ariCallerId(settings({ endpoint: 'PJSIP/alice' }), '4155550132')).toBe('"4155550132"');
  });

  it('accepts the address with or without /ari', () => {
    expect(ariRoot('http://pbx:8088')).toBe('http://pbx:8088/ari');
    expect(ariRoot('http://pbx:8088/ari/')).toBe('http://pbx:8088/ari');
  });

  it('names each malformed field', () => {
    expect(
      asteriskAriProblems(settings({ endpoint: '101', context: 'from internal', autoAnswerHeader: 'answer-after=0' }))
        .map((p) => p.field)
        .sort(),
    ).toEqual(['autoAnswerHeader', 'context', 'endpoint']);
    expect(asteriskAriProblems(settings())).toEqual([]);
  });

  it('a wrong password is "auth" after one request, showing no secret', async () => {
    const error = await failure(() => adapter({ password: 'wrong-password-123' }).dial(dialRequest));
    expect(error.kind).toBe('auth');
    expect(error.details.status).toBe(401);
    expect(error.message).toContain('ari.conf');
    expect(requests()).toHaveLength(1);
  });

  it('maps each refusal: read-only 403, no registered phone 500, not booted 503, an unknown endpoint 500', async () => {
    sim.configure('asterisk-ari', { readOnly: true });
    expect((await failure(() => adapter().dial(dialRequest))).kind).toBe('permission');
    sim.reset();
    sim.configure('asterisk-ari', { extensionOnline: false });
    const offline = await failure(() => adapter().dial(dialRequest));
    expect(offline.kind).toBe('extension-unavailable');
    expect(offline.message).toContain('PJSIP/101');
    sim.reset();
    sim.configure('asterisk-ari', { booted: false });
    const booting = await failure(() => adapter().dial(dialRequest));
    expect([booting.kind, booting.details.status]).toEqual(['unexpected', 503]);
    sim.reset();
    expect((await failure(() => adapter({ endpoint: 'PJSIP/999' }).dial(dialRequest))).kind).toBe(
      'extension-unavailable',
    );
  });

  it('an address without ARI behind it is "not-found"', async () => {
    const error = await failure(() => adapter({ baseUrl: `${sim.url}/nothing-here` }).dial(dialRequest));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('8088');
  });

  it('hangs up the channel it created, and says so when it is gone', async () => {
    const a = adapter();
    const { callId } = await a.dial(dialRequest);
    await a.hangup!(callId!);
    expect(requests().at(-1)).toMatchObject({ method: 'DELETE', path: `/ari/channels/${callId}` });
    expect((await failure(() => a.hangup!(callId!))).kind).toBe('not-found');
  });
});

describe('asterisk-ari connection test', () => {
  it('reads info and the endpoint, checks write access with an originate without endpoint, places no call', async () => {
    const outcome = await adapter().testConnection();
    expect(english(outcome.detail)).toContain(`Asterisk ${ASTERISK_SIM.version}`);
    expect(english(outcome.detail)).toContain('PJSIP/101 is online');
    expect(requests().map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
      'GET /ari/asterisk/info ',
      'GET /ari/endpoints/PJSIP/101 ',
      'POST /ari/channels {}',
    ]);
    for (const request of requests()) {
      expect(request.headers.authorization).toBe(AUTH);
      expect([...request.query.keys()]).toEqual([]);
    }
  });

  it('reports an endpoint with no registered phone', async () => {
    sim.configure('asterisk-ari', { extensionOnline: false });
    const error = await failure(() => adapter().testConnection());
    expect(error.kind).toBe('extension-unavailable');
    expect(error.message).toContain('offline');
  });

  it('reports an unknown endpoint', async () => {
    const error = await failure(() => adapter({ endpoint: 'PJSIP/999' }).testConnection());
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('PJSIP/999');
  });

  it('reports a read-only user, whose login and reads work', async () => {
    sim.configure('asterisk-ari', { readOnly: true });
    const error = await failure(() => adapter().testConnection());
    expect(error.kind).toBe('permission');
    expect(error.message).toContain('read-only');
    expect(requests()).toHaveLength(3);
  });
});
