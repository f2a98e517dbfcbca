/**
 * Kazoo's click-to-call objects, for the options page (the provider's `listClickToCalls` and `createClickToCall`
 * actions in ./kazoo.ts): list the account's, or create one that rings a given extension. Both need the API key.
 */
import { isObject } from '../net/http';
import type { KazooProvider } from './kazoo';
import { isSuccess, KazooClient, PROVIDER } from './kazoo-client';
import { ProviderError, type ProviderContext } from './types';

/** One click-to-call object as the list endpoint returns it. */
export interface KazooClickToCall {
  id: string;
  name: string;
  extension: string;
}

function needKey(settings: KazooProvider, what: string): void {
  if (!settings.apiKey.trim()) {
    throw new ProviderError('auth', `${what} needs the account API key: Kazoo only lists and creates with a token.`, {
      provider: PROVIDER,
      step: 'test',
    });
  }
}

/** Lists the account's click-to-call objects (`GET /v2/accounts/{id}/clicktocall`); needs the API key. */
export async function listClickToCalls(settings: KazooProvider, context: ProviderContext): Promise<KazooClickToCall[]> {
  needKey(settings, 'Listing click-to-calls');
  const client = new KazooClient(settings, context);
  const response = await client.send(
    { method: 'GET', url: client.url(client.accountPath('/clicktocall')), headers: { Accept: 'application/json' } },
    'list',
  );
  if (!isSuccess(response)) throw client.error(response, 'list');
  const items = Array.isArray(response.json.data) ? response.json.data : [];
  return items.filter(isObject).map((item) => ({
    id: String(item.id ?? ''),
    name: typeof item.name === 'string' ? item.name : '',
    extension: typeof item.extension === 'string' ? item.extension : String(item.extension ?? ''),
  }));
}

/**
 * Creates a click-to-call that rings `extension` first (`PUT /v2/accounts/{id}/clicktocall`), with
 * `auth_required: true` so only holders of a token can dial through it. Returns the new object's id.
 */
export async function createClickToCall(
  settings: KazooProvider,
  extension: string,
  context: ProviderContext,
): Promise<string> {
  needKey(settings, 'Creating a click-to-call');
  const ext = extension.trim();
  if (!/^[0-9*#]{1,20}$/.test(ext)) {
    throw new ProviderError('unexpected', `"${ext}" is not an extension: use 1 to 20 digits.`, {
      provider: PROVIDER,
      step: 'create',
    });
  }
  const client = new KazooClient(settings, context);
  const response = await client.send(
    {
      method: 'PUT',
      url: client.url(client.accountPath('/clicktocall')),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ data: { name: `Click-to-Dial ${ext}`, extension: ext, auth_required: true } }),
    },
    'create',
  );
  if (!isSuccess(response)) throw client.error(response, 'create');
  const data = response.json.data;
  const id = isObject(data) && typeof data.id === 'string' ? data.id : '';
  if (!id) throw client.unexpectedAnswer(response, 'create');
  return id;
}
