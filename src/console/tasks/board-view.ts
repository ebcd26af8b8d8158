import type { ManualTask, TaskNote } from '../../fulfilment/fulfilment.js';
import { slaLabel } from '../../fulfilment/task-sla.js';
import { html, type Html } from '../../http/pages/html.js';
import { fulfilmentSubStatuses } from '../../request-records/request-status-codes.js';

export const boardPath = '/console/tasks';

/** What the board shows: whose tasks, narrowed by the filters. */
export interface BoardFilter {
  view: 'team' | 'mine';
  team?: string | undefined;
  sla?: string | undefined;
  subStatus?: string | undefined;
}

export interface BoardInput {
  filter: BoardFilter;
  teams: string[];
  tasks: Array<{ task: ManualTask; notes: TaskNote[] }>;
  me: string;
  today: string;
  /** A time as people read it here ("14:05", "Tue 3 Jun 14:05"), in the configured zone. */
  when(iso: string): string;
  csrfToken: string;
  /** Where a form returns after it is handled: this view with its filters. */
  returnTo: string;
  flash?: { text: string; problem: boolean } | undefined;
}

const subStatusNames: Record<string, string> = { in_progress: 'In progress', awaiting_parts: 'Awaiting parts', scheduled: 'Scheduled', awaiting_customer: 'Awaiting the requester' };

/** The team task board: the filters, then one card per task, due first, with its notes and forms. */
export function boardView(input: BoardInput): Html {
  const { filter, tasks, flash } = input;
  return html`<h1>${filter.view === 'mine' ? 'My work' : 'Team tasks'}</h1>
    <div id="result" role="status" aria-live="polite" class="${flash?.problem ? 'result problem' : 'result'}">${flash ? html`<p>${flash.text}</p>` : ''}</div>
    <nav aria-label="Task views" class="views">
      <a href="${boardPath}" ${filter.view === 'team' ? html` aria-current="page"` : ''}>My team's tasks</a>
      <a href="${boardPath}?view=mine" ${filter.view === 'mine' ? html` aria-current="page"` : ''}>My work</a>
    </nav>
    ${filters(input)}
    ${
      tasks.length === 0
        ? html`<p class="empty">No open tasks${filter.view === 'mine' ? ' are yours' : ' match'}.</p>`
        : html`<p>${tasks.length === 1 ? 'One open task' : `${tasks.length} open tasks`}, due first.</p>
            <ul class="cards">${tasks.map((t) => html`<li>${taskCard(t.task, t.notes, input)}</li>`)}</ul>`
    }`;
}

function filters(input: BoardInput): Html {
  const { filter } = input;
  const option = (value: string, label: string, chosen: string | undefined) => html`<option value="${value}" ${chosen === value ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="${boardPath}" class="filters" aria-label="Filter tasks">
    <input type="hidden" name="view" value="${filter.view}" />
    ${
      filter.view === 'team'
        ? html`<label for="filter-team">Team</label>
            <select id="filter-team" name="team">${option('', 'All my teams', filter.team ?? '')}${input.teams.map((t) => option(t, t, filter.team))}</select>`
        : ''
    }
    <label for="filter-sla">SLA</label>
    <select id="filter-sla" name="sla">${option('', 'Any', filter.sla ?? '')}${option('breached', 'Breached', filter.sla)}${option('due_soon', 'Due soon', filter.sla)}${option('on_track', 'On track', filter.sla)}</select>
    <label for="filter-sub-status">Sub-status</label>
    <select id="filter-sub-status" name="subStatus">${option('', 'Any', filter.subStatus ?? '')}${option('none', 'Not set', filter.subStatus)}${fulfilmentSubStatuses.map((s) => option(s, subStatusNames[s]!, filter.subStatus))}${option('awaiting_approval', 'Awaiting extra approval', filter.subStatus)}</select>
    <button type="submit" class="secondary">Show</button>
  </form>`;
}

function taskCard(task: ManualTask, notes: TaskNote[], input: BoardInput): Html {
  const id = task.id;
  const headingId = `task-${id}`;
  const action = (what: string) => `${boardPath}/${id}/${what}`;
  const hidden = html`<input type="hidden" name="_csrf" value="${input.csrfToken}" /><input type="hidden" name="returnTo" value="${input.returnTo}" />`;
  const waiting = task.awaitingApproval;
  return html`<section class="card task sla-${task.sla}" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${task.requestNumber}: ${task.title}</h2>
    <dl class="details">
      <dt>Request</dt><dd>${task.requestTitle}, asked by ${task.requester}</dd>
      <dt>Team</dt><dd>${task.team}</dd>
      <dt>Due</dt><dd><time datetime="${task.dueAt}">${input.when(task.dueAt)}</time> <strong class="sla">${slaLabel(task.sla)}</strong></dd>
      <dt>Sub-status</dt><dd>${task.subStatusText ?? 'Not set'}</dd>
      <dt>Assignee</dt><dd>${task.assignee?.name ?? 'Nobody yet'}</dd>
    </dl>
    <h3 id="notes-${id}">Work notes</h3>
    ${
      notes.length
        ? html`<ol class="notes" aria-labelledby="notes-${id}">${notes.map((n) => html`<li><p>${n.text}</p><p class="meta">${n.by.name}, <time datetime="${n.at}">${input.when(n.at)}</time>${n.visibleToRequester ? ' · shown to the requester' : ' · internal'}</p></li>`)}</ol>`
        : html`<p class="empty">No notes yet.</p>`
    }
    <div class="task-forms">
      <form method="post" action="${action('notes')}" class="stack">
        ${hidden}
        <label for="note-${id}">Add a note to ${task.requestNumber}</label>
        <textarea id="note-${id}" name="text" rows="2" maxlength="2000" required></textarea>
        <div class="check"><input type="checkbox" id="note-visible-${id}" name="visibleToRequester" value="true" /><label for="note-visible-${id}">Show it to the requester (they are told)</label></div>
        <button type="submit" class="secondary">Add note</button>
      </form>
      ${task.assignee?.email === input.me ? '' : html`<form method="post" action="${action('take')}">${hidden}<button type="submit" class="secondary" aria-describedby="${headingId}">Take it</button></form>`}
      ${
        waiting
          ? html`<p class="waiting">Waiting for the extra approval the team asked for.</p>`
          : html`<form method="post" action="${action('complete')}" class="stack">
                ${hidden}
                <label for="complete-${id}">What was done (work note)</label>
                <textarea id="complete-${id}" name="note" rows="2" maxlength="2000" required></textarea>
                <button type="submit" aria-describedby="${headingId}">Complete</button>
              </form>
              <details>
                <summary>Change the sub-status</summary>
                <form method="post" action="${action('sub-status')}" class="stack">
                  ${hidden}
                  <label for="sub-status-${id}">Sub-status</label>
                  <select id="sub-status-${id}" name="subStatus">${fulfilmentSubStatuses.map((s) => html`<option value="${s}" ${task.subStatus === s ? html` selected` : ''}>${subStatusNames[s]}</option>`)}</select>
                  <label for="sub-status-date-${id}">Date (scheduled for, or parts expected; the requester is told it)</label>
                  <input type="date" id="sub-status-date-${id}" name="date" min="${input.today}" />
                  <label for="sub-status-note-${id}">Note for the requester (for "awaiting the requester": what they must do)</label>
                  <textarea id="sub-status-note-${id}" name="note" rows="2" maxlength="2000"></textarea>
                  <button type="submit" class="secondary">Set sub-status</button>
                </form>
              </details>
              <details>
                <summary>Out of stock: backorder</summary>
                <form method="post" action="${action('backorder')}" class="stack">
                  ${hidden}
                  <label for="expected-${id}">Parts expected on</label>
                  <input type="date" id="expected-${id}" name="expectedDate" min="${input.today}" required />
                  <label for="backorder-note-${id}">Note (optional)</label>
                  <textarea id="backorder-note-${id}" name="note" rows="2" maxlength="2000"></textarea>
                  <button type="submit" class="secondary">Backorder</button>
                </form>
              </details>
              <details>
                <summary>Beyond the standard build: ask for an extra approval</summary>
                <form method="post" action="${action('extra-approval')}" class="stack">
                  ${hidden}
                  <label for="approval-reason-${id}">Why (the approver and the requester read it)</label>
                  <textarea id="approval-reason-${id}" name="reason" rows="2" maxlength="2000" required></textarea>
                  <label for="approver-${id}">Approver</label>
                  <select id="approver-${id}" name="approver">
                    <option value="cost-centre-owner">The owner of the requester's cost centre</option>
                    <option value="person">A named person (email below)</option>
                  </select>
                  <label for="approver-email-${id}">Named approver's email</label>
                  <input type="email" id="approver-email-${id}" name="approverEmail" autocomplete="off" />
                  <button type="submit" class="secondary">Ask for approval</button>
                </form>
              </details>`
      }
    </div>
  </section>`;
}
