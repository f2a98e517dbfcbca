/**
 * Issue 12, end to end for Asterisk ARI: a click on a number the content script linked reaches the simulator as
 * exactly one `POST /ari/channels` (Basic auth in the header, nothing in the query, the JSON body
 * docs/providers/asterisk-ari.md describes), with and without auto-answer. Its
 * refusals are in providers-refusals.spec.ts.
 */
import { test, expect } from './support/fixtures';
import type { Simulator } from '../sim/server';
import { ASTERISK_SIM } from '../sim/asterisk-ari';
import { dialOnPage, providerSettings, soleRequest, US_E164, basicAuth, expectJsonBody } from './page-helpers';

const onlyRequest = (sim: Simulator) => soleRequest(sim, 'asterisk-ari POST /ari/channels');

const AUTH = basicAuth(ASTERISK_SIM.username, ASTERISK_SIM.password);

test('Asterisk ARI: one POST /ari/channels with Basic auth and the JSON originate, the Call-Info header for auto-answer', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'asterisk-on',
    providerSettings(sim, 'asterisk-ari', { outboundPrefix: '9' }),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'asterisk-ari', number: US_E164, source: 'link' });

  const request = onlyRequest(sim);
  expect(request.headers.authorization).toBe(AUTH);
  expectJsonBody(request, {
    endpoint: 'PJSIP/101',
    extension: '94155550132',
    context: 'from-internal',
    priority: 1,
    callerId: '"94155550132" <101>',
    timeout: 30,
    variables: { 'PJSIP_HEADER(add,Call-Info)': 'answer-after=0' },
  });
  // The channel id Asterisk returned is kept with the call.
  expect(entry.callId).toMatch(/^\d+\.1$/);
});

test('Asterisk ARI: with auto-answer off no header variable is sent', async ({ context, extension, pages, sim }) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'asterisk-off',
    providerSettings(
      sim,
      'asterisk-ari',
      { autoAnswer: false },
      { autoAnswerHeader: 'Alert-Info: info=alert-autoanswer' },
    ),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'asterisk-ari' });
  const body = JSON.parse(onlyRequest(sim).body) as Record<string, unknown>;
  expect(body).not.toHaveProperty('variables');
  expect(body).toMatchObject({ endpoint: 'PJSIP/101', extension: '4155550132' });
});
