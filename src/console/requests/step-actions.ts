import { html, type Html } from '../../http/pages/html.js';
import { actionForm, detailPath, type ReturnTo } from './page-parts.js';

/** A step as its forms need it: masked title, state. */
export interface StepForForms {
  id: string;
  title: string;
  status: string;
}

/** Steps the service desk may record as done by hand (as fulfilment.override allows). */
const overridable = new Set(['failed', 'waiting', 'pending']);

/**
 * What the service desk can do with a step, as forms: run a failed step again, record a
 * failed or open step as done by hand, or skip it. Each says why, which the audit trail keeps.
 */
export function stepActions(input: { number: string; step: StepForForms; csrfToken: string; back: ReturnTo; describedBy: string }): Html {
  const { number, step, csrfToken, back, describedBy } = input;
  const base = `${detailPath(number)}/steps/${step.id}`;
  const forms: Html[] = [];
  if (step.status === 'failed') {
    forms.push(
      actionForm({
        action: `${base}/retry`,
        csrfToken,
        back,
        submit: 'Retry step',
        describedBy,
        fields: [{ name: 'reason', id: `retry-${step.id}`, label: `Why "${step.title}" can run again now`, multiline: true }],
      }),
    );
  }
  if (overridable.has(step.status)) {
    forms.push(
      actionForm({
        action: `${base}/override`,
        csrfToken,
        back,
        submit: 'Complete by hand',
        describedBy,
        fields: [{ name: 'note', id: `override-${step.id}`, label: `What was done instead of "${step.title}"`, multiline: true }],
      }),
    );
  }
  const skip = skipStepAction(input);
  if (skip) forms.push(skip);
  return forms.length ? html`<div class="actions">${forms}</div>` : html``;
}

/** Steps the service desk may skip (as fulfilment.skip allows): the plan goes on without them. */
const skippable = new Set(['failed', 'waiting', 'pending']);

/** Skipping a step: the plan goes on without it (fulfilment.skip), with why, which the audit trail keeps. */
function skipStepAction(input: { number: string; step: StepForForms; csrfToken: string; back: ReturnTo; describedBy: string }): Html | undefined {
  const { number, step, csrfToken, back, describedBy } = input;
  if (!skippable.has(step.status)) return undefined;
  return actionForm({
    action: `${detailPath(number)}/steps/${step.id}/skip`,
    csrfToken,
    back,
    submit: 'Skip step',
    describedBy,
    fields: [{ name: 'reason', id: `skip-${step.id}`, label: `Why the plan can go on without "${step.title}"`, multiline: true }],
  });
}
