/**
 * The PBX simulator: one HTTP server on 127.0.0.1 that implements every provider's contract from
 * ../shared/providers.md strictly (paths, methods, auth, parameter names, status codes, error bodies).
 * Each provider lives in its own file in this folder and is listed in ./providers.ts.
 * Tests read `requests` to check exactly what the extension sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { SIM_PROVIDERS } from './providers';
import type { SimClock, SimContext, SimProvider, SimRequest, SimResponse } from './types';

export type { SimRequest, SimResponse, SimProvider } from './types';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  /** Called for every request after it is answered (the `npm run sim` console log). */
  onRequest?: (request: SimRequest, status: number) => void;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  url: string;
  port: number;
  /** Every request received since the last reset, in order. */
  requests: SimRequest[];
  /** Requests one provider handled. */
  requestsFor(provider: string): SimRequest[];
  /** Forgets requests, restores every provider's default state and configuration, resets the clock. */
  reset(): void;
  /** Changes one provider's configuration (e.g. `{ extensionOnline: false }`); see each provider's file. */
  configure(provider: string, patch: Record<string, unknown>): void;
  /** A settings document that points the extension at this simulator for `provider` (a provider `type`). */
  settingsFor(provider: string, overrides?: Record<string, unknown>): Record<string, unknown>;
  /** The simulator's clock, for token expiry and lockouts. */
  clock: SimClock;
  /**
   * `false`: answer like a real PBX without CORS support: no `Access-Control-*` headers on any answer, and a
   * preflight (OPTIONS) refused with 405. A browser then hides every answer from an extension without host
   * access, and sends no non-simple request at all, while simple ones (a form POST, a key-less GET) still
   * arrive and act (issue 15). On by default; `reset()` turns it back on.
   */
  corsHeaders(on: boolean): void;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization, x-auth-token',
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function createClock(): SimClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}

/** Starts the simulator. Port 0 picks a free port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const providers: SimProvider[] = SIM_PROVIDERS.map((factory) => factory());
  const requests: SimRequest[] = [];
  const clock = createClock();
  let cors = true;
  let baseUrl = '';
  const context: SimContext = {
    clock,
    get baseUrl() {
      return baseUrl;
    },
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : (v ?? '');
    const request: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      rawQuery: (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '',
      headers,
      body: raw.toString('utf8'),
      rawBody: raw,
      provider: '',
      time: clock.now(),
    };
    if (request.method === 'OPTIONS') {
      if (cors) res.writeHead(204, CORS_HEADERS).end();
      else res.writeHead(405, { allow: 'GET, POST, PUT, DELETE' }).end();
      return;
    }
    const provider = providers.find((p) => p.matches(request));
    let response: SimResponse;
    if (!provider) {
      response = { status: 404, body: { error: 'no simulated provider at this path' } };
    } else {
      request.provider = provider.name;
      try {
        response = await provider.handle(request, context);
      } catch (error) {
        response = { status: 500, body: { error: `simulator error: ${(error as Error).message}` } };
      }
    }
    requests.push(request);
    options.onRequest?.(request, response.status);
    if (response.delayMs) await new Promise((r) => setTimeout(r, response.delayMs));
    if (response.destroy) {
      req.socket.destroy();
      return;
    }
    const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
    const type = typeof response.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    res.writeHead(response.status, { 'content-type': type, ...(cors ? CORS_HEADERS : {}), ...response.headers });
    res.end(body);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('simulator has no port');
  baseUrl = `http://${host}:${address.port}`;

  const byName = (name: string): SimProvider => {
    const p = providers.find((x) => x.name === name);
    if (!p) throw new Error(`no simulated provider "${name}"; have ${providers.map((x) => x.name).join(', ')}`);
    return p;
  };

  return {
    url: baseUrl,
    port: address.port,
    requests,
    requestsFor: (name) => requests.filter((r) => r.provider === name),
    reset() {
      requests.length = 0;
      cors = true;
      clock.reset();
      for (const p of providers) p.reset();
    },
    configure: (name, patch) => byName(name).configure(patch),
    settingsFor(name, overrides = {}) {
      const p = byName(name);
      const section = p.settings(context);
      const key = p.kind === 'callLog' ? 'callLog' : 'provider';
      return { version: 1, [key]: { ...section, ...overrides } };
    },
    clock,
    corsHeaders(on) {
      cors = on;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
