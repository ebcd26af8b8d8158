import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/index.js';

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

export interface PageRouteOptions {
  /** Secure mode: the page signs the person in and opens the chat as them (no person picker). */
  secure: boolean;
  /** Who is signed in with the organisation's provider; absent when sign-in is not configured. */
  signedIn?: (request: FastifyRequest) => Promise<Principal | undefined>;
}

/**
 * The local web chat page at `/` and `/chat`, its script, and the Web Chat bundle. In secure
 * mode the page is for signed-in people: anyone else is sent to sign in and brought back.
 */
export function pageRoutes(options: PageRouteOptions): FastifyPluginAsync {
  return async (app) => {
    const mode = !options.secure ? 'embedded' : options.signedIn ? 'sign-in' : 'no-sign-in';
    const page = (await readFile(join(webDir, 'index.html'), 'utf8')).replace('<body>', `<body data-mode="${mode}">`);
    const script = await readFile(join(webDir, 'chat.js'), 'utf8');
    const bundle = webChatBundlePath();

    for (const url of ['/', '/chat']) {
      app.get(url, { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
        if (options.secure && options.signedIn && !(await options.signedIn(request))) {
          return reply.redirect(`/sign-in?returnTo=${encodeURIComponent('/chat')}`, 303);
        }
        return reply
        .header('content-security-policy', contentSecurityPolicy)
        .header('cache-control', options.secure ? 'no-store' : 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(page);
      });
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
