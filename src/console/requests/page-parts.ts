import { html, type Html } from '../../http/pages/html.js';
import { statusLabel } from '../../request-records/request-status-codes.js';

/** Where a form's result is shown: the request's own page, or the attention list. */
export type ReturnTo = 'detail' | 'attention';

export const attentionPath = '/console/requests?view=attention';

export const detailPath = (number: string) => `/console/requests/${encodeURIComponent(number)}`;

/** "2026-03-02 09:00 UTC" in a <time> element that machines read exactly. */
export function when(iso: string | null | undefined): Html | string {
  if (!iso) return '—';
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

export function statusText(status: string, subStatus: string | null): string {
  return statusLabel(status, subStatus);
}

/** The result line every page of the area starts with, announced when the page loads after a form. */
export function resultLine(flash: { text: string; problem: boolean } | undefined): Html {
  return html`<div id="result" role="status" aria-live="polite" class="${flash?.problem ? 'result problem' : 'result'}">
    ${flash ? html`<p>${flash.text}</p>` : ''}
  </div>`;
}

/**
 * A form for one service-desk action: the CSRF token, where to come back to, labelled
 * fields, one submit button named after what it does (`describedBy` ties it to what it acts on).
 */
export function actionForm(input: {
  action: string;
  csrfToken: string;
  back: ReturnTo;
  submit: string;
  describedBy?: string;
  fields?: Array<{ name: string; label: string; id: string; type?: 'text' | 'email'; multiline?: boolean; autocomplete?: string }>;
}): Html {
  return html`<form method="post" action="${input.action}" class="action">
    <input type="hidden" name="_csrf" value="${input.csrfToken}" />
    <input type="hidden" name="back" value="${input.back}" />
    ${(input.fields ?? []).map(
      (f) =>
        html`<label for="${f.id}">${f.label}</label> ${
            f.multiline
              ? html`<textarea id="${f.id}" name="${f.name}" rows="2" maxlength="2000" required></textarea>`
              : html`<input
                  id="${f.id}"
                  name="${f.name}"
                  type="${f.type ?? 'text'}"
                  maxlength="254"
                  required
                  ${f.autocomplete ? html`autocomplete="${f.autocomplete}"` : ''}
                />`
          }`,
    )}
    <button type="submit" ${input.describedBy ? html`aria-describedby="${input.describedBy}"` : ''}>${input.submit}</button>
  </form>`;
}
