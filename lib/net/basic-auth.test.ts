import { describe, expect, it } from 'vitest';
import { BasicAuthHttp, basicAuthorization } from './basic-auth';
import type { ProviderContext } from './context';

describe('BasicAuthHttp', () => {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(input), headers: init?.headers as Record<string, string> });
    return new Response('denied for pässword-1 (Basic ' + btoa('api:p') + ')', { status: 401 });
  }) as typeof globalThis.fetch;
  const context: ProviderContext = { fetch, now: () => 0, timeoutMs: 1000, randomId: () => 'id' };
  const http = new BasicAuthHttp(context, 'PBX', 'api', 'pässword-1');

  it('sends the Basic header first, then the request own headers; never credentials in the URL', async () => {
    const response = await http.send(
      { method: 'GET', url: 'https://pbx.example/x', headers: { Accept: 'text/plain' } },
      'test',
    );
    expect(response.status).toBe(401);
    expect(Object.entries(seen[0]!.headers)).toEqual([
      ['Authorization', basicAuthorization('api', 'pässword-1')],
      ['Accept', 'text/plain'],
    ]);
    expect(seen[0]!.url).toBe('https://pbx.example/x');
  });

  it('shows what the server said only with the password and the header blanked', () => {
    const header = basicAuthorization('api', 'pässword-1');
    expect(http.words(`no: pässword-1 / ${header}`)).toBe('no: … / …');
    expect(http.secrets).toContain('pässword-1');
  });
});
