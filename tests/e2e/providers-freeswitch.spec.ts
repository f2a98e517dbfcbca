/**
 * Issue 12, end to end for FreeSWITCH / FusionPBX: a click on a number the content script linked reaches the
 * simulator as exactly one `GET /txtapi/bgapi?originate …` (Basic auth in the header, the originate string
 * docs/providers/freeswitch.md describes), with and without auto-answer. Its
 * refusals are in providers-refusals.spec.ts.
 */
import { test, expect } from './support/fixtures';
import type { Simulator } from '../sim/server';
import { FREESWITCH_SIM } from '../sim/freeswitch';
import { dialOnPage, providerSettings, soleRequest, US_E164, basicAuth } from './page-helpers';

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
    providerSettings(sim, 'freeswitch'),
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
    providerSettings(sim, 'freeswitch', { autoAnswer: false, outboundPrefix: '9' }, { context: 'default' }),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'freeswitch' });
  const args = decodeURIComponent(onlyRequest(sim).rawQuery!);
  expect(args).not.toContain('sip_auto_answer');
  expect(args).toMatch(new RegExp(`\\}user/101@${D.replace(/\./g, '\\.')} 94155550132 XML default$`));
});
