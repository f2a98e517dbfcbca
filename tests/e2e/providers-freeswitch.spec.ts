/**
 * Issue 12, end to end for FreeSWITCH / FusionPBX: a click on a number the content script linked reaches the
 * simulator as exactly one `GET /txtapi/bgapi?originate …` (Basic auth in the header, the originate string
 * docs/providers/freeswitch.md describes), with and without auto-answer; and a refusal is what the person sees.
 */
import { test, expect } from './support/fixtures';
import type { Simulator } from '../sim/server';
import { FREESWITCH_SIM } from '../sim/freeswitch';
import type { DialingSettings } from '../../lib/settings/schema';
import { dialingWith, dialOnPage, providerSettings, soleRequest, US_E164, basicAuth } from './page-helpers';

const dialing = (patch: Partial<DialingSettings>) => dialingWith({ numberFormat: 'dialable', ...patch });
const onlyRequest = (sim: Simulator) => soleRequest(sim, 'freeswitch GET /txtapi/bgapi');

const AUTH = basicAuth(FREESWITCH_SIM.username, FREESWITCH_SIM.password);

const D = FREESWITCH_SIM.domain;

test('FreeSWITCH: one GET /txtapi/bgapi?originate with Basic auth, sip_auto_answer on the user leg', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'freeswitch-on',
    providerSettings(sim, 'freeswitch', dialing({})),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'freeswitch', number: US_E164, source: 'link' });

  const request = onlyRequest(sim);
  expect(request.headers.authorization).toBe(AUTH);
  expect(request.body).toBe('');
  const uuid = entry.callId!;
  expect(uuid).toMatch(/\S/);
  expect(request.rawQuery).toBe(
    `originate%20{origination_uuid=${uuid},origination_caller_id_name=4155550132,origination_caller_id_number=101,originate_timeout=30,domain_name=${D},sip_auto_answer=true}user/101@${D}%204155550132%20XML%20${D}`,
  );
});

test('FreeSWITCH: with auto-answer off sip_auto_answer is left out, and the context set is used', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'freeswitch-off',
    providerSettings(sim, 'freeswitch', dialing({ autoAnswer: false, outboundPrefix: '9' }), { context: 'default' }),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'freeswitch' });
  const args = decodeURIComponent(onlyRequest(sim).rawQuery!);
  expect(args).not.toContain('sip_auto_answer');
  expect(args).toMatch(new RegExp(`\\}user/101@${D.replace(/\./g, '\\.')} 94155550132 XML default$`));
});

test('FreeSWITCH: a user not allowed to run bgapi (403) is reported to the person as such', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('freeswitch', { bgapiAllowed: false });
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'freeswitch-forbidden',
    providerSettings(sim, 'freeswitch', dialing({})),
  );
  expect(entry).toMatchObject({ result: 'failed', provider: 'freeswitch', errorKind: 'permission' });
  expect(entry.message).toContain('http-allowed-api');
  expect(entry.message).not.toContain(FREESWITCH_SIM.password);
  onlyRequest(sim);
});

test('FreeSWITCH: a wrong password (401) is reported as a login problem', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'freeswitch-auth',
    providerSettings(sim, 'freeswitch', dialing({}), { password: 'not-the-fs-password' }),
  );
  expect(entry).toMatchObject({ result: 'failed', errorKind: 'auth' });
  expect(entry.message).not.toContain('not-the-fs-password');
  onlyRequest(sim);
});
