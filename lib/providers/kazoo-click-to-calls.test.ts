import { describe, expect, it } from 'vitest';
import { providerFailure as failure } from '@/tests/unit/support/provider-errors';
import { kazooHarness } from '@/tests/unit/support/kazoo-harness';
import { KAZOO_SIM } from '@/tests/sim/kazoo';
import { createClickToCall, listClickToCalls } from './kazoo-click-to-calls';
import { kazoo } from './kazoo';
import { ProviderError } from './types';

const h = kazooHarness();
const { context, settings, noKey, kazooRequests, connects } = h;

describe('kazoo click-to-call list and create (options page)', () => {
  it('lists the account click-to-calls with the token', async () => {
    const items = await listClickToCalls(settings(), context());
    expect(items).toEqual([{ id: KAZOO_SIM.clickToCallId, name: 'Sales desk', extension: '101' }]);
    const list = kazooRequests().at(-1)!;
    expect(`${list.method} ${list.path}`).toBe(`GET /v2/accounts/${KAZOO_SIM.accountId}/clicktocall`);
    expect(list.headers['x-auth-token']).toBeTruthy();
  });

  it('creates one for the extension with auth_required true, and it then lists', async () => {
    const id = await createClickToCall(settings(), '204', context());
    const put = kazooRequests().find((r) => r.method === 'PUT' && r.path.endsWith('/clicktocall'))!;
    expect(put.headers['content-type']).toContain('application/json');
    expect(JSON.parse(put.body)).toEqual({
      data: { name: 'Click-to-Dial 204', extension: '204', auth_required: true },
    });
    const items = await listClickToCalls(settings(), context());
    expect(items).toContainEqual({ id, name: 'Click-to-Dial 204', extension: '204' });
    // The new object dials with a token.
    const outcome = await kazoo
      .create(settings({ clickToCallId: id }), context())
      .dial({ number: '+14155550132', autoAnswer: true });
    expect(outcome).toEqual({});
    expect(connects().at(-1)!.path).toContain(`/clicktocall/${id}/connect`);
  });

  it('needs the API key: fails before sending anything', async () => {
    const error = await failure(listClickToCalls(noKey(), context()));
    expect(error.kind).toBe('auth');
    await expect(createClickToCall(noKey(), '204', context())).rejects.toBeInstanceOf(ProviderError);
    expect(kazooRequests()).toHaveLength(0);
  });

  it('refuses an extension that is not digits', async () => {
    await expect(createClickToCall(settings(), '20 4; drop', context())).rejects.toThrow(/not an extension/);
    expect(kazooRequests()).toHaveLength(0);
  });

  it('offers both as provider actions that pick the click-to-call id (the one providerAction message)', async () => {
    const actions = kazoo.actions!;
    expect(actions.listClickToCalls!.picks).toBe('clickToCallId');
    expect(actions.createClickToCall!.picks).toBe('clickToCallId');
    const listed = await actions.listClickToCalls!.run(settings(), undefined, context());
    expect(listed).toEqual({ items: [{ id: KAZOO_SIM.clickToCallId, name: 'Sales desk', extension: '101' }] });
    const created = await actions.createClickToCall!.run(settings(), '205', context());
    expect(created.createdId).toBeTruthy();
    expect(created.items).toContainEqual({ id: created.createdId, name: 'Click-to-Dial 205', extension: '205' });
    await expect(actions.createClickToCall!.run(settings(), undefined, context())).rejects.toThrow(/not an extension/);
  });
});
