import { dataTable } from '../../http/pages/data-table.js';
import { html, type Html } from '../../http/pages/html.js';
import type { IncidentView } from '../../incidents/incident-service.js';
import type { DeadLetterView } from '../../notify/dead-letters.js';
import type { NeedsAttention, RequestSummary } from '../../requests/needs-attention.js';
import { reassignForm } from './request-detail-view.js';
import { actionForm, detailPath, resultLine, statusText, when } from './page-parts.js';
import { stepActions } from './step-actions.js';

export interface AttentionPage {
  attention: NeedsAttention;
  deadLetters: DeadLetterView[];
  incidents: IncidentView[];
}

/**
 * What waits on the service desk, one section per kind, each item with what to do next as a
 * form (agents) or as read-only lists (auditors, without `csrfToken`). The search comes first.
 */
export function attentionView(input: { page: AttentionPage; csrfToken?: string; flash?: { text: string; problem: boolean } | undefined }): Html {
  const { attention, deadLetters, incidents } = input.page;
  const { csrfToken } = input;
  return html`<h1>Requests that need attention</h1>
    ${resultLine(input.flash)} ${searchForm('')}
    <section aria-labelledby="failed-heading">
      <h2 id="failed-heading">Failed requests (${attention.failed.length})</h2>
      ${
        attention.failed.length === 0
          ? html`<p class="empty">No request has failed.</p>`
          : html`<ul class="cards">
              ${attention.failed.map(
                ({ request, failedSteps }) =>
                  html`<li class="card">
                    ${requestHeading(request, `failed-${request.number}`)}
                    ${
                      failedSteps.length === 0
                        ? html`<p>No step is marked failed; open the request to see why it failed.</p>`
                        : failedSteps.map(
                            (step) =>
                              html`<p id="failed-step-${step.id}">
                                  Step <strong>${step.title}</strong> failed after ${step.attempts}
                                  ${step.attempts === 1 ? 'attempt' : 'attempts'}${step.error ? html`: ${step.error}` : ''}
                                </p>
                                ${csrfToken ? stepActions({ number: request.number, step, csrfToken, back: 'attention', describedBy: `failed-step-${step.id}` }) : ''}`,
                          )
                    }
                  </li>`,
              )}
            </ul>`
      }
    </section>
    <section aria-labelledby="routing-heading">
      <h2 id="routing-heading">Requests that need routing (${attention.needsRouting.length})</h2>
      ${
        attention.needsRouting.length === 0
          ? html`<p class="empty">Every request has someone to approve it.</p>`
          : html`<ul class="cards">
              ${attention.needsRouting.map(
                ({ request, problem }) =>
                  html`<li class="card">
                    ${requestHeading(request, `routing-${request.number}`)}
                    <p>${problem ?? 'Nobody could be asked to approve it.'}</p>
                    ${
                      csrfToken
                        ? actionForm({
                            action: `${detailPath(request.number)}/route`,
                            csrfToken,
                            back: 'attention',
                            submit: 'Route request',
                            describedBy: `routing-${request.number}`,
                            fields: [
                              {
                                name: 'approver',
                                id: `route-approver-${request.number}`,
                                label: `Approver for ${request.number} (email)`,
                                type: 'email',
                                autocomplete: 'off',
                              },
                              { name: 'reason', id: `route-reason-${request.number}`, label: 'Why this person decides', multiline: true },
                            ],
                          })
                        : ''
                    }
                  </li>`,
              )}
            </ul>`
      }
    </section>
    <section aria-labelledby="left-heading">
      <h2 id="left-heading">Approvals whose approver left (${attention.approverLeft.length})</h2>
      ${
        attention.approverLeft.length === 0
          ? html`<p class="empty">Every open approval has an approver in the directory.</p>`
          : html`<ul class="cards">
              ${attention.approverLeft.map(
                (a) =>
                  html`<li class="card">
                    ${requestHeading(a.request, `left-${a.approvalId}`)}
                    <p>The ${a.stage} approval (${a.status}) waits on ${a.approver}, who is no longer in the directory.</p>
                    ${csrfToken ? reassignForm({ number: a.request.number, approvalId: a.approvalId, csrfToken, back: 'attention' }) : ''}
                  </li>`,
              )}
            </ul>`
      }
    </section>
    <section aria-labelledby="dead-heading">
      <h2 id="dead-heading">Notifications nobody received (${deadLetters.length})</h2>
      ${
        deadLetters.length === 0
          ? html`<p class="empty">Every notification was delivered or is still being tried.</p>`
          : dataTable({
              caption: 'Dead letters in the outbox, most recent first',
              captionHidden: true,
              columns: ['For', 'About', 'Attempts', 'Last error', 'Given up', ...(csrfToken ? ['Action'] : [])],
              records: deadLetters,
              cells: (d) =>
                html`<th scope="row" id="dead-${d.id}">${d.personId}</th>
                  <td>
                    ${d.kinds.join(', ')}${d.requestNumbers.length ? html` (${d.requestNumbers.map((n, i) => html`${i ? ', ' : ''}<a href="${detailPath(n)}">${n}</a>`)})` : ''}
                  </td>
                  <td>${d.attempts}</td>
                  <td>${d.lastError ?? ''}</td>
                  <td>${when(d.deadAt)}</td>
                  ${csrfToken ? html`<td>${actionForm({ action: `/console/requests/dead-letters/${d.id}/retry`, csrfToken, back: 'attention', submit: 'Retry delivery', describedBy: `dead-${d.id}` })}</td>` : ''}`,
            })
      }
    </section>
    <section aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">Open incidents (${incidents.length})</h2>
      ${
        incidents.length === 0
          ? html`<p class="empty">No incident is open.</p>`
          : html`<p>Incidents are not service requests: take them up in the incident process with the person who reported them.</p>
              ${dataTable({
                caption: 'Open incidents, newest first',
                captionHidden: true,
                columns: ['Incident', 'Reported by', 'Category', 'What they said', 'When'],
                records: incidents,
                cells: (i) =>
                  html`<th scope="row">${i.number}</th>
                    <td>${i.personId} (${i.channel})</td>
                    <td>${i.category}</td>
                    <td>${i.text}</td>
                    <td>${when(i.createdAt)}</td>`,
              })}`
      }
    </section>`;
}

/** The search results: requests by number (opened directly) or by requester. */
export function searchView(input: { query: string; results: RequestSummary[]; flash?: { text: string; problem: boolean } | undefined }): Html {
  return html`<h1>Requests matching “${input.query}”</h1>
    ${resultLine(input.flash)} ${searchForm(input.query)}
    ${
      input.results.length === 0
        ? html`<p class="empty">No request of anyone matching “${input.query}”. Search by request number (REQ-1042) or by the requester's name or email.</p>`
        : dataTable({
            caption: `${input.results.length === 1 ? 'One request' : `${input.results.length} requests`}, newest first`,
            columns: ['Request', 'What', 'Requester', 'Status', 'Last change'],
            records: input.results,
            cells: (r) =>
              html`<th scope="row"><a href="${detailPath(r.number)}">${r.number}</a></th>
                <td>${r.title}</td>
                <td>${r.requester.name} (${r.requester.email})</td>
                <td>${statusText(r.status, r.subStatus)}</td>
                <td>${when(r.updatedAt)}</td>`,
          })
    }
    <p><a href="/console/requests?view=attention">What needs attention</a></p>`;
}

function searchForm(query: string): Html {
  return html`<search>
    <form method="get" action="/console/requests" class="search">
      <label for="request-search">Find a request by number or requester</label>
      <input id="request-search" name="q" type="search" value="${query}" maxlength="200" placeholder="REQ-1042, name or email" />
      <button type="submit">Search</button>
    </form>
  </search>`;
}

function requestHeading(request: RequestSummary, id: string): Html {
  return html`<h3 id="${id}"><a href="${detailPath(request.number)}">${request.number}</a>: ${request.title}</h3>
    <p class="muted">
      ${request.requester.name} (${request.requester.email}) · ${statusText(request.status, request.subStatus)} since ${when(request.updatedAt)}
    </p>`;
}
