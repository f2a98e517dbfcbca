import { describe, expect, it } from 'vitest';
import { FREESWITCH_SIM, parseOriginate } from '../../tests/sim/freeswitch';
import { basicAuthorization } from '../net/basic-auth';
import { freeswitch, freeswitchProblems, txtapiPath } from './freeswitch';
import { providerFailure } from '@/tests/unit/support/provider-errors';
import { fileSimulator, simAdapter } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

let ids = 0;
const sim = await fileSimulator(() => (ids = 0));
const { settings, adapter, requests } = simAdapter(sim, freeswitch, { randomId: () => `call-${++ids}` });
const AUTH = basicAuthorization(FREESWITCH_SIM.username, FREESWITCH_SIM.password);
const failure = (action: () => Promise<unknown>) =>
  providerFailure(action, [FREESWITCH_SIM.password, AUTH, AUTH.slice(6)]);
const dialRequest = { number: '0014155550132', autoAnswer: true };
const D = FREESWITCH_SIM.domain;

describe('freeswitch adapter against the simulator', () => {
  it('sends one GET /txtapi/bgapi?originate … with Basic auth; the leg id is the call id', async () => {
    const outcome = await adapter().dial(dialRequest);
    const [request, ...rest] = requests();
    expect(rest).toHaveLength(0);
    expect(request!.method).toBe('GET');
    expect(request!.path).toBe('/txtapi/bgapi');
    expect(request!.headers.authorization).toBe(AUTH);
    expect(request!.body).toBe('');
    expect(request!.rawQuery).toBe(
      `originate%20{origination_uuid=call-1,origination_caller_id_name=0014155550132,origination_caller_id_number=101,originate_timeout=30,domain_name=${D},sip_auto_answer=true}user/101@${D}%200014155550132%20XML%20${D}`,
    );
    expect(outcome).toEqual({ callId: 'call-1' });
  });

  it('leaves sip_auto_answer out with auto-answer off, and dials in the context set', async () => {
    await adapter({ context: 'default' }).dial({ number: '4155550132', autoAnswer: false });
    const parsed = parseOriginate(decodeURIComponent(requests()[0]!.rawQuery!).replace(/^originate /, ''));
    expect(parsed).toMatchObject({ user: '101', domain: D, number: '4155550132', dialplan: 'XML', context: 'default' });
    expect(typeof parsed === 'object' && parsed.variables).not.toHaveProperty('sip_auto_answer');
  });

  it('encodes a "+" so it arrives as a "+"', async () => {
    await adapter().dial({ number: '+14155550132', autoAnswer: true });
    expect(requests()[0]!.rawQuery).toContain('%2B14155550132');
    expect(txtapiPath('status')).toBe('txtapi/status');
  });

  it('a wrong password is "auth" after one request, showing no secret', async () => {
    const error = await failure(() => adapter({ password: 'not-the-password' }).dial(dialRequest));
    expect([error.kind, error.details.status]).toEqual(['auth', 401]);
    expect(error.message).toContain('xml_rpc.conf');
    expect(requests()).toHaveLength(1);
  });

  it('maps a user not allowed to run bgapi, a missing mod_commands and an -ERR answer', async () => {
    sim.configure('freeswitch', { bgapiAllowed: false });
    expect((await failure(() => adapter().dial(dialRequest))).kind).toBe('permission');
    sim.reset();
    sim.configure('freeswitch', { commandsLoaded: false });
    const missing = await failure(() => adapter().dial(dialRequest));
    expect([missing.kind, missing.details.status]).toEqual(['unexpected', 200]);
    expect(missing.message).toContain('mod_commands');
    sim.reset();
    const refused = await failure(() => adapter({ extension: '999' }).dial(dialRequest));
    expect(refused.kind).toBe('unexpected');
    expect(refused.details.providerMessage).toContain('-ERR');
  });

  it('an address without mod_xml_rpc behind it is "not-found"', async () => {
    const error = await failure(() => adapter({ baseUrl: `${sim.url}/elsewhere` }).dial(dialRequest));
    expect(error.kind).toBe('not-found');
  });

  it('ends the call with uuid_kill on its leg id, and says so when it is gone', async () => {
    const a = adapter();
    const { callId } = await a.dial(dialRequest);
    await a.hangup!(callId!);
    expect(requests().at(-1)).toMatchObject({ path: '/txtapi/uuid_kill', rawQuery: 'call-1' });
    expect((await failure(() => a.hangup!(callId!))).kind).toBe('not-found');
  });

  it('names a domain or context that would break the originate', () => {
    expect(freeswitchProblems(settings({ domain: 'pbx example', context: 'a,b' })).map((p) => p.field)).toEqual([
      'domain',
      'context',
    ]);
    expect(freeswitchProblems(settings())).toEqual([]);
  });
});

describe('freeswitch connection test', () => {
  it('runs status, an argument-less bgapi and sofia_contact; places no call', async () => {
    const outcome = await adapter().testConnection();
    expect(english(outcome.detail)).toContain(`FreeSWITCH ${FREESWITCH_SIM.version}`);
    expect(english(outcome.detail)).toContain(`your phone (101@${D}) is registered`);
    expect(requests().map((r) => `${r.path}?${r.rawQuery}`)).toEqual([
      '/txtapi/status?',
      '/txtapi/bgapi?',
      `/txtapi/sofia_contact?101@${D}`,
    ]);
  });

  it('reports a phone that is not registered', async () => {
    sim.configure('freeswitch', { extensionOnline: false });
    const error = await failure(() => adapter().testConnection());
    expect(error.kind).toBe('extension-unavailable');
  });

  it('reports a user that may not run bgapi', async () => {
    sim.configure('freeswitch', { bgapiAllowed: false });
    expect((await failure(() => adapter().testConnection())).kind).toBe('permission');
  });
});
