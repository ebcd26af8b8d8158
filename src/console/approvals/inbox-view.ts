import type { ApprovalCard } from '../../approvals/approval-card.js';
import { html, type Html } from '../../http/pages/html.js';

/** A deny without a reason, shown at the approval it was for. */
export interface DenyProblem {
  approvalId: string;
  message: string;
}

/** The inbox: a result line, then one section per pending approval with its two forms. */
export function inboxView(input: {
  approvals: ApprovalCard[];
  csrfToken: string;
  flash?: { text: string; problem: boolean } | undefined;
  problem?: DenyProblem | undefined;
}): Html {
  const { approvals, flash, problem } = input;
  return html`<h1>Approvals waiting for you</h1>
    <div id="result" role="status" aria-live="polite" class="${flash?.problem || problem ? 'result problem' : 'result'}">
      ${flash ? html`<p>${flash.text}</p>` : ''}${problem ? html`<p>${problem.message}</p>` : ''}
    </div>
    ${
      approvals.length === 0
        ? html`<p class="empty">Nothing is waiting for your approval.</p>`
        : html`<p>${approvals.length === 1 ? 'One request needs' : `${approvals.length} requests need`} your decision.</p>
            <ul class="cards">
              ${approvals.map((approval) => html`<li>${approvalSection(approval, input.csrfToken, problem?.approvalId === approval.approvalId ? problem : undefined)}</li>`)}
            </ul>`
    }`;
}

function approvalSection(approval: ApprovalCard, csrfToken: string, problem: DenyProblem | undefined): Html {
  const id = approval.approvalId;
  const headingId = `approval-${id}`;
  const action = `/console/approvals/${id}/decision`;
  return html`<section class="card" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${approval.requestNumber}: ${approval.title}</h2>
    <dl class="details">
      <dt>Requested by</dt>
      <dd>${approval.requester}</dd>
      ${approval.summary.map(
        (line) =>
          html`<dt>${line.label}</dt>
            <dd>${line.value}</dd>`,
      )}
      ${
        approval.cost
          ? html`<dt>Cost</dt>
              <dd>${approval.cost}</dd>`
          : ''
      }
      <dt>Risk</dt>
      <dd>${approval.risk}</dd>
      <dt>Why you</dt>
      <dd>${approval.reason}</dd>
    </dl>
    <div class="decisions">
      <form method="post" action="${action}">
        <input type="hidden" name="_csrf" value="${csrfToken}" />
        <input type="hidden" name="decision" value="approve" />
        <button type="submit" aria-describedby="${headingId}">Approve</button>
      </form>
      <form method="post" action="${action}" class="deny">
        <input type="hidden" name="_csrf" value="${csrfToken}" />
        <input type="hidden" name="decision" value="deny" />
        <label for="reason-${id}">Reason for denying ${approval.requestNumber}</label>
        <textarea
          id="reason-${id}"
          name="reason"
          rows="2"
          maxlength="2000"
          ${problem ? html` aria-invalid="true" aria-describedby="reason-problem-${id}" autofocus` : ''}
        ></textarea>
        ${problem ? html`<p id="reason-problem-${id}" class="field-problem">${problem.message}</p>` : ''}
        <button type="submit" class="danger">Deny</button>
      </form>
    </div>
  </section>`;
}
