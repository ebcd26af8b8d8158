import { dataTable } from '../../http/pages/data-table.js';
import { html, type Html } from '../../http/pages/html.js';
import type { RequestView } from '../../requests/request-view.js';
import type { AuditEntryView } from '../../requests/request-audit-trail.js';
import { actionForm, detailPath, resultLine, statusText, when, type ReturnTo } from './page-parts.js';
import { stepActions } from './step-actions.js';

export interface RequestDetail {
  view: RequestView;
  /** Field id -> label, from the request type the request was made with. */
  labels: Record<string, string>;
  /** Attempts per step id (the calls since the service desk last looked). */
  attempts: Record<string, number>;
  /** Open approvals whose approver has left the directory. */
  approverLeft: Set<string>;
  trail: AuditEntryView[];
  /** Access the request gave for a time: when it ends, and the request asking to extend it. */
  access: Array<{ group: string; state: string; endsAt: string | null; extensionNumber: string | null }>;
}

/**
 * One request as the service desk sees it: where it is and who it waits on, the answers
 * (sensitive ones masked), its history, approvals, steps and audit trail; with `csrfToken`
 * (agents) the forms to move it on, without (auditors) the same page read-only.
 */
export function requestDetailView(input: { detail: RequestDetail; csrfToken?: string; flash?: { text: string; problem: boolean } | undefined }): Html {
  const { view, labels, attempts, approverLeft, trail, access } = input.detail;
  const { csrfToken } = input;
  const needsRouting = view.status === 'submitted' && view.subStatus === 'needs_routing';
  return html`<h1 id="request-heading">${view.number}: ${view.title}</h1>
    ${resultLine(input.flash)}
    <p><a href="/console/requests?view=attention">Back to what needs attention</a></p>
    <section aria-labelledby="where-heading" class="card">
      <h2 id="where-heading">Where it is</h2>
      <dl class="details">
        <dt>Status</dt>
        <dd>${statusText(view.status, view.subStatus)}</dd>
        <dt>Waiting on</dt>
        <dd>${view.statusLine.waitingOn}</dd>
        <dt>Step</dt>
        <dd>${view.statusLine.step}</dd>
        <dt>Requested by</dt>
        <dd>${view.requester.name} (${view.requester.email})</dd>
        <dt>Asked through</dt>
        <dd>${view.channel}</dd>
        <dt>Created</dt>
        <dd>${when(view.createdAt)}</dd>
        <dt>Due</dt>
        <dd>${when(view.dueAt)}${view.statusLine.overdue ? html` <strong class="overdue">Overdue</strong>` : ''}</dd>
        ${
          view.closedAt
            ? html`<dt>Closed</dt>
                <dd>${when(view.closedAt)}</dd>`
            : ''
        }
        ${
          view.cost !== null
            ? html`<dt>Cost</dt>
                <dd>${view.cost}</dd>`
            : ''
        }
        <dt>Catalog</dt>
        <dd>${view.requestTypeId} version ${view.requestTypeVersion} (catalog ${view.catalogVersion})</dd>
      </dl>
      ${
        needsRouting && csrfToken
          ? html`<h3 id="route-heading">Route this request</h3>
              <p>Nobody could be asked to approve it. Name who decides; they are asked at once.</p>
              ${actionForm({
                action: `${detailPath(view.number)}/route`,
                csrfToken,
                back: 'detail',
                submit: 'Route request',
                describedBy: 'request-heading',
                fields: [
                  { name: 'approver', id: 'route-approver', label: 'Approver (email)', type: 'email', autocomplete: 'off' },
                  { name: 'reason', id: 'route-reason', label: 'Why this person decides', multiline: true },
                ],
              })}`
          : ''
      }
    </section>
    <section aria-labelledby="answers-heading">
      <h2 id="answers-heading">Answers</h2>
      <dl class="details">
        ${Object.entries(view.fields).map(
          ([id, value]) =>
            html`<dt>${labels[id] ?? id}</dt>
              <dd>${display(value)}</dd>`,
        )}
      </dl>
    </section>
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Status history</h2>
      ${dataTable({
        caption: `Status changes of ${view.number}, oldest first`,
        captionHidden: true,
        columns: ['When', 'From', 'To', 'By', 'Why'],
        records: view.history,
        cells: (h) =>
          html`<td>${when(h.at)}</td>
            <td>${h.from ? statusText(h.from, null) : '—'}</td>
            <td>${statusText(h.to, h.subStatus)}</td>
            <td>${h.by}</td>
            <td>${h.reason ?? ''}</td>`,
      })}
    </section>
    <section aria-labelledby="approvals-heading">
      <h2 id="approvals-heading">Approvals</h2>
      ${
        view.approvals.length === 0
          ? html`<p class="empty">No approvals: none were needed, or none could be asked yet.</p>`
          : html`${dataTable({
              caption: `Approval stages of ${view.number}`,
              captionHidden: true,
              columns: ['Stage', 'Approver', 'Why them', 'Decision', 'Decided by', 'When', 'Comment'],
              records: view.approvals,
              cells: (a) =>
                html`<th scope="row" id="approval-${a.id}">${a.stage}</th>
                  <td>${a.approver}${approverLeft.has(a.id) ? html` <strong class="warning">(has left)</strong>` : ''}</td>
                  <td>${a.role ?? ''}</td>
                  <td>${a.status}</td>
                  <td>${a.decidedBy ?? ''}</td>
                  <td>${when(a.decidedAt)}</td>
                  <td>${a.comment ?? ''}</td>`,
            })}
            ${
              csrfToken
                ? view.approvals
                    .filter((a) => approverLeft.has(a.id))
                    .map(
                      (a) =>
                        html`<h3>Reassign the ${a.stage} approval</h3>
                          ${reassignForm({ number: view.number, approvalId: a.id, csrfToken, back: 'detail' })}`,
                    )
                : ''
            }`
      }
    </section>
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">Fulfilment steps</h2>
      ${
        view.steps.length === 0
          ? html`<p class="empty">No fulfilment steps yet: they are planned when the request is approved.</p>`
          : html`${dataTable({
              caption: `Fulfilment steps of ${view.number}, in order`,
              captionHidden: true,
              columns: ['Step', 'Done by', 'State', 'Attempts', 'Error', 'Note'],
              records: view.steps,
              cells: (s) =>
                html`<th scope="row" id="step-${s.id}">${s.title}</th>
                  <td>${s.team ? `team ${s.team}` : (s.integration ?? s.kind)}</td>
                  <td>${s.status}${s.subStatus ? ` (${s.subStatus.replace(/_/g, ' ')})` : ''}</td>
                  <td>${attempts[s.id] ?? 0}</td>
                  <td>${s.error ?? ''}</td>
                  <td>${s.note ?? ''}</td>`,
            })}
            ${csrfToken ? stepForms(view, csrfToken) : ''}`
      }
    </section>
    ${access.length ? accessSection(view.number, access) : ''}
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      ${dataTable({
        caption: `Audit records of ${view.number}, its approvals and steps, oldest first`,
        captionHidden: true,
        columns: ['When', 'Who', 'What', 'Why', 'Change'],
        records: trail,
        cells: (e) =>
          html`<td>${when(e.at)}</td>
            <td>${e.actor} <span class="muted">(${e.channel})</span></td>
            <td>${e.action}</td>
            <td>${e.reason ?? ''}</td>
            <td><code>${change(e)}</code></td>`,
      })}
    </section>`;
}

function stepForms(view: RequestView, csrfToken: string): Html {
  // Retry and override act while the request is in fulfilment or has failed.
  if (!['in_fulfilment', 'failed'].includes(view.status)) return html``;
  const forms = view.steps
    .map((step) => ({ step, forms: stepActions({ number: view.number, step, csrfToken, back: 'detail', describedBy: `step-${step.id}` }) }))
    .filter((s) => s.forms.text !== '');
  if (!forms.length) return html``;
  return html`<h3>Act on a step</h3>
    <ul class="cards">
      ${forms.map(
        (f) =>
          html`<li class="card">
            <p><strong>${f.step.title}</strong> (${f.step.status})</p>
            ${f.forms}
          </li>`,
      )}
    </ul>`;
}

function accessSection(number: string, access: RequestDetail['access']): Html {
  return html`<section aria-labelledby="access-heading">
    <h2 id="access-heading">Time-bound access</h2>
    ${dataTable({
      caption: `Access ${number} gave`,
      captionHidden: true,
      columns: ['Group', 'State', 'Ends', 'Extension asked'],
      records: access,
      cells: (a) =>
        html`<th scope="row">${a.group}</th>
          <td>${a.state}</td>
          <td>${a.endsAt ? when(a.endsAt) : 'Never'}</td>
          <td>${a.extensionNumber ? html`<a href="${detailPath(a.extensionNumber)}">${a.extensionNumber}</a>` : '—'}</td>`,
    })}
  </section>`;
}

/** Moves an approval whose approver left to someone else, with why. */
export function reassignForm(input: { number: string; approvalId: string; csrfToken: string; back: ReturnTo }): Html {
  const id = input.approvalId;
  return actionForm({
    action: `${detailPath(input.number)}/approvals/${id}/reassign`,
    csrfToken: input.csrfToken,
    back: input.back,
    submit: 'Reassign approval',
    fields: [
      { name: 'to', id: `reassign-to-${id}`, label: `New approver for ${input.number} (email)`, type: 'email', autocomplete: 'off' },
      { name: 'reason', id: `reassign-reason-${id}`, label: 'Why the approval moves', multiline: true },
    ],
  });
}

function display(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
}

function change(e: AuditEntryView): string {
  const part = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  const before = part(e.before);
  const after = part(e.after);
  return before && after ? `${before} → ${after}` : before || after;
}
