import type { FastifyReply } from 'fastify';
import { html, type Html } from './html.js';

/**
 * The content security policy of server-rendered pages: their own stylesheet and script,
 * nothing inline, forms posting back to Frontdoor only.
 */
export const pageContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const pageStylesheetPath = '/console/assets/console.css';

/** A link in the page's navigation. */
export interface NavigationLink {
  href: string;
  label: string;
  current?: boolean;
}

export interface PageInput {
  title: string;
  main: Html;
  /** Who is signed in, with the CSRF token the sign-out form needs. */
  signedIn?: { name: string; email: string; csrfToken: string };
  navigation?: NavigationLink[];
}

/** One look for every page: a banner with the product's name, the navigation, the main landmark. */
export function pageShell(input: PageInput): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${input.title} · Frontdoor</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${pageStylesheetPath}" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="banner">
          <p class="product"><a href="/console">Frontdoor</a></p>
          ${
            input.navigation?.length
              ? html`<nav aria-label="Console">
                  <ul>
                    ${input.navigation.map((link) => html`<li><a href="${link.href}" ${link.current ? html` aria-current="page"` : ''}>${link.label}</a></li>`)}
                  </ul>
                </nav>`
              : ''
          }
          ${
            input.signedIn
              ? html`<form class="account" method="post" action="/sign-out">
                  <span>Signed in as <strong>${input.signedIn.name}</strong></span>
                  <input type="hidden" name="_csrf" value="${input.signedIn.csrfToken}" />
                  <button type="submit" class="secondary">Sign out</button>
                </form>`
              : ''
          }
        </header>
        <main id="main" tabindex="-1">${input.main}</main>
      </body>
    </html> `;
}

/** Sends a page with the pages' security headers; nothing personal is cached. */
export function sendPage(reply: FastifyReply, page: Html, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-security-policy', pageContentSecurityPolicy)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(page.text);
}

/** A page that only says something: a refusal, an error, the end of a session. */
export function messagePage(input: { title: string; heading: string; body: Html | string; action?: { href: string; label: string } }): Html {
  return pageShell({
    title: input.title,
    main: html`<h1>${input.heading}</h1>
      <p>${input.body}</p>
      ${input.action ? html`<p><a class="button" href="${input.action.href}">${input.action.label}</a></p>` : ''}`,
  });
}
