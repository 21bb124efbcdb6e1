import { timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { writeJson } from '../shared/common/json/writeJson';
import {
  contentSecurityPolicy, dispatchStudioCall, readStudioPayload, studioApiPrefix, studioLaunchUrl, studioTokenHeader, type StudioApi, type StudioEnvelope,
} from '../shared/common/studio';
import { contentTypeOf, rendererAssetPath } from '../shared/node/studio/rendererAssets';

export interface WebHostOptions {
  api: StudioApi;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The per-launch secret every API call must carry in its x-crosswalk-token header. */
  token: string;
  /** 0 picks a free port. */
  port: number;
  /** Largest accepted API body; a bundle opened from file contents is the biggest thing sent. */
  maxBodyBytes?: number;
}

export interface WebHost {
  server: Server;
  port: number;
  /** The URL to open, the token in its fragment. */
  url: string;
  close(): Promise<void>;
}

/**
 * The studio over HTTP for a browser on the same machine. Defences, in order: it listens on
 * 127.0.0.1 only; the Host header must name that address or localhost with our port (a DNS
 * rebinding page would send its own host name), and an Origin must be ours. The page's static
 * files (public app code, no data) are then served to anyone; every API call must carry the launch
 * token in its x-crosswalk-token header, and only there: no cookie (browsers share 127.0.0.1's
 * cookies with every port on it) and no query string. API calls are `POST /api/<method>` with JSON
 * validated by the same method table as Electron's IPC.
 */
export async function createWebHost(options: WebHostOptions): Promise<WebHost> {
  const rendererDir = resolve(options.rendererDir);
  const maxBody = options.maxBodyBytes ?? 256 * 1024 * 1024;
  const token = Buffer.from(options.token, 'utf8');
  let port = 0;
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error.\n');
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Forbidden: this studio only answers to 127.0.0.1 and localhost.\n');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Forbidden: cross-origin request.\n');
    }
    const url = new URL(request.url ?? '/', `http://${allowedHosts[0]}`);

    if (url.pathname.startsWith(studioApiPrefix)) {
      const presented = headerValue(request.headers[studioTokenHeader]);
      if (presented === undefined || !sameSecret(presented, token)) {
        return sendEnvelope(response, 401, failure('CW_STUDIO_TOKEN', 'Open the address the Crosswalk studio printed when it started; it carries the launch token.'));
      }
      if (request.method !== 'POST') {
        response.setHeader('allow', 'POST');
        return send(response, 405, 'text/plain; charset=utf-8', 'Use POST for the studio API.\n');
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendEnvelope(response, 415, failure('CW_STUDIO_CONTENT_TYPE', 'The studio API takes JSON (content-type: application/json).'));
      }
      const body = await readBody(request, maxBody);
      if (body === undefined) return sendEnvelope(response, 413, failure('CW_STUDIO_TOO_LARGE', `The request is larger than ${maxBody} bytes.`));
      const method = decodeURIComponent(url.pathname.slice(studioApiPrefix.length));
      // Decimals keep their text (`1.50` in an expected output), as the envelope below writes them.
      const read = readStudioPayload(method, body);
      if ('refused' in read) return sendEnvelope(response, statusFor(read.refused.error.code), read.refused);
      const envelope = await dispatchStudioCall(options.api, method, read.payload);
      return sendEnvelope(response, envelope.ok ? 200 : statusFor(envelope.error.code), envelope);
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed.\n');
    }
    return serveStatic(url.pathname, request, response);
  }

  function serveStatic(pathname: string, request: IncomingMessage, response: ServerResponse): void {
    let requested: string | undefined;
    try {
      requested = rendererAssetPath(rendererDir, pathname);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad path.\n');
    }
    if (requested === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
    const index = join(rendererDir, 'index.html');
    let file = requested;
    let size = fileSize(file);
    if (size === undefined && extname(file) === '') {
      // Client-side routes fall back to the app page.
      file = index;
      size = fileSize(file);
    }
    if (size === undefined) {
      if (requested === index) {
        return send(response, 503, 'text/plain; charset=utf-8', 'The studio\'s page is not built; run `npm run build:renderer` and reload.\n');
      }
      return send(response, 404, 'text/plain; charset=utf-8', 'Not found.\n');
    }
    securityHeaders(response);
    response.writeHead(200, {
      'content-type': contentTypeOf(file),
      'content-length': size,
      'cache-control': extname(file) === '.html' ? 'no-store' : 'no-cache',
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).on('error', () => response.destroy()).pipe(response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    url: studioLaunchUrl(`http://127.0.0.1:${port}`, options.token),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive connections would hold close() open; in-flight requests get a moment to finish.
      server.closeIdleConnections();
      setTimeout(() => { for (const socket of sockets) socket.destroy(); }, 2000).unref();
    }),
  };
}

function sameSecret(presented: string, token: Buffer): boolean {
  const given = Buffer.from(presented, 'utf8');
  return given.length === token.length && timingSafeEqual(given, token);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    request.on('end', () => resolve(over ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function fileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

function securityHeaders(response: ServerResponse): void {
  response.setHeader('content-security-policy', contentSecurityPolicy);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  securityHeaders(response);
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(body);
}

function sendEnvelope(response: ServerResponse, status: number, envelope: StudioEnvelope): void {
  send(response, status, 'application/json; charset=utf-8', writeJson(envelope));
}

function failure(code: string, message: string): StudioEnvelope {
  return { ok: false, error: { code, message, where: {} } };
}

function statusFor(code: string): number {
  if (code === 'CW_STUDIO_UNKNOWN_METHOD') return 404;
  if (code === 'CW_STUDIO_BAD_ARGS' || code === 'CW_STUDIO_BAD_JSON') return 400;
  if (code === 'CW_STUDIO_INTERNAL') return 500;
  return 422;
}
