import { html, type Html } from '../../http/pages/html.js';

const requestNumber = /\b(REQ-\d{1,9})\b/gi;

/** A line of a conversation, with every request number it mentions linked to that request's page. */
export function lineWithRequestLinks(line: string): Html {
  const parts = line.split(requestNumber);
  // split with a capture group: odd parts are the numbers.
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<a href="/console/requests/${part.toUpperCase()}">${part}</a>` : part))}`;
}

/** The lines as list items; also the fragment the item page's script appends as new lines come in. */
export function transcriptItems(lines: readonly string[]): Html {
  return html`${lines.map((line) => html`<li>${lineWithRequestLinks(line)}</li>`)}`;
}
