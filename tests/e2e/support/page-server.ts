import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES_DIR = fileURLToPath(new URL('../../fixtures/pages/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

export interface PageServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** URL of a page: a file in tests/fixtures/pages or one added with {@link PageServer.add}. */
  url(path: string): string;
  /**
   * Serves `html` at `path` (e.g. "/inline/table.html") for the rest of this server's life. With `stream`, the
   * body is sent in two parts: up to `stream.at`, then the rest `stream.pauseMs` later (a page still arriving).
   */
  add(path: string, html: string, type?: string, stream?: { at: number; pauseMs: number }): string;
  close(): Promise<void>;
}

/** Serves fixture pages from 127.0.0.1 on a free port. */
export async function startPageServer(): Promise<PageServer> {
  const extra = new Map<string, { body: string; type: string; stream?: { at: number; pauseMs: number } }>();
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const added = extra.get(path);
    if (added) {
      res.writeHead(200, { 'content-type': added.type });
      if (!added.stream) {
        res.end(added.body);
        return;
      }
      res.write(added.body.slice(0, added.stream.at));
      setTimeout(() => res.end(added.body.slice(added.stream!.at)), added.stream.pauseMs);
      return;
    }
    const file = normalize(join(PAGES_DIR, path));
    if (!file.startsWith(PAGES_DIR)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('page server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    add(path, html, type = 'text/html; charset=utf-8', stream) {
      extra.set(path, { body: html, type, stream });
      return `${origin}${path}`;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser still open (the worker's shared one closes after this server) keeps connections alive.
        server.closeAllConnections();
      }),
  };
}
