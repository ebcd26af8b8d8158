import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web');

/** Microsoft's Web Chat bundle, served from the installed package: the page loads nothing from a CDN. */
function webChatBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  return join(dirname(entry), '..', 'dist', 'webchat.js');
}

// Web Chat injects its styles at run time and renders images from data and blob URLs.
const contentSecurityPolicy = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "font-src 'self' data:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
].join('; ');

/** The local web chat page at `/` and `/chat`, its script, and the Web Chat bundle. */
export function pageRoutes(): FastifyPluginAsync {
  return async (app) => {
    const page = await readFile(join(webDir, 'index.html'), 'utf8');
    const script = await readFile(join(webDir, 'chat.js'), 'utf8');
    const bundle = webChatBundlePath();

    for (const url of ['/', '/chat']) {
      app.get(url, { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => reply
        .header('content-security-policy', contentSecurityPolicy)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(page));
    }
    app.get('/web/chat.js', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => reply
      .header('x-content-type-options', 'nosniff')
      .type('text/javascript; charset=utf-8')
      .send(script));
    app.get('/webchat/webchat.js', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => reply
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=3600')
      .type('text/javascript; charset=utf-8')
      .send(createReadStream(bundle)));
  };
}
