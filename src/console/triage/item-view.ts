import { html, type Html } from '../../http/pages/html.js';
import type { TriageItem } from '../../triage/triage-item.js';
import { channelLabels, stateLabel, takerOf, timeLabel } from './item-labels.js';
import { transcriptItems } from './transcript-view.js';

export interface ItemInput {
  item: TriageItem;
  employeeName: string;
  /** The signed-in agent's id: what they may do depends on whether they have the item. */
  agentId: string;
  csrfToken: string;
  /** The form in progress when the employee was handed off, its answers readable. */
  form?: { title: string; answers: Array<{ label: string; value: string }> } | undefined;
  candidates: Array<{ label: string; confidence: number }>;
  /** The catalog's intents an agent may hand back with. */
  intents: Array<{ value: string; label: string }>;
  /** How an intent id reads (for a hand-back already done). */
  intentLabel: (id: string) => string;
  flash?: { text: string; problem: boolean } | undefined;
}

/**
 * One triage item: who wrote, the conversation so far, the form in progress, what the
 * classifier thought, and what the agent can do now. Focus goes where the agent goes next:
 * the message box while they have the conversation, else the result of what they did.
 */
export function itemView(input: ItemInput): Html {
  const { item, flash } = input;
  const mine = item.status === 'taken' && item.takenBy === input.agentId;
  const taker = takerOf(item);
  const base = `/console/triage/${item.id}`;
  return html`<p class="back"><a href="/console/triage">Back to the queue</a></p>
    <h1>Message from ${input.employeeName}</h1>
    <div
      id="result"
      role="status"
      aria-live="polite"
      tabindex="-1"
      class="${flash?.problem ? 'result problem' : 'result'}"
      ${flash && !mine ? html` autofocus` : ''}
    >
      ${flash ? html`<p>${flash.text}</p>` : ''}
    </div>
    <dl class="details">
      <dt>From</dt>
      <dd>${input.employeeName} &lt;${item.personId}&gt;</dd>
      <dt>Reference</dt>
      <dd>${item.id.slice(0, 8)}</dd>
      <dt>Channel</dt>
      <dd>${channelLabels[item.channel]}</dd>
      <dt>Received</dt>
      <dd><time datetime="${item.createdAt}">${timeLabel(item.createdAt)}</time></dd>
      <dt>State</dt>
      <dd>${stateLabel(item)}${outcome(item, input.intentLabel)}</dd>
      <dt>With</dt>
      <dd>${taker ? (mine ? `${taker} (you)` : taker) : 'Nobody'}</dd>
    </dl>

    <section aria-labelledby="conversation-heading">
      <h2 id="conversation-heading">Conversation</h2>
      <ol
        id="transcript"
        class="transcript"
        aria-live="polite"
        aria-relevant="additions"
        data-count="${item.transcript.length}"
        ${item.status === 'taken' ? html` data-lines-url="${base}/lines"` : ''}
      >
        ${transcriptItems(item.transcript)}
      </ol>
      ${item.status === 'taken' ? html`<p id="poll-fallback"><a href="${base}">Show new messages</a></p>` : ''}
    </section>

    ${
      input.form
        ? html`<section aria-labelledby="form-heading">
            <h2 id="form-heading">Form in progress: ${input.form.title}</h2>
            ${
              input.form.answers.length
                ? html`<dl class="details">
                    ${input.form.answers.map(
                      (a) =>
                        html`<dt>${a.label}</dt>
                          <dd>${a.value}</dd>`,
                    )}
                  </dl>`
                : html`<p class="empty">No answers yet.</p>`
            }
          </section>`
        : ''
    }

    <section aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">What the assistant thought</h2>
      ${
        input.candidates.length
          ? html`<table class="candidates">
              <caption>
                The classifier's candidates, most likely first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Intent</th>
                  <th scope="col">Confidence</th>
                </tr>
              </thead>
              <tbody>
                ${input.candidates.map(
                  (c) =>
                    html`<tr>
                      <td>${c.label}</td>
                      <td>${Math.round(c.confidence * 100)}%</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="empty">No candidates: the employee asked for a person, or nothing came close.</p>`
      }
    </section>

    ${actions(input, mine, base)}
    <script src="/console/assets/triage.js" defer></script>`;
}

function outcome(item: TriageItem, intentLabel: (id: string) => string): Html | string {
  const resolution = item.resolution;
  if (item.handedBack?.note) return html`: ${item.handedBack.note}`;
  if (item.handedBack?.intent) return `: handed back with ${intentLabel(item.handedBack.intent)}`;
  if (item.handedBack) return ': handed back to the assistant';
  if (resolution && 'intent' in resolution) return `: continued with ${intentLabel(resolution.intent)}`;
  if (resolution && 'answer' in resolution) return html`: answered, “${resolution.answer}”`;
  return '';
}

function actions(input: ItemInput, mine: boolean, base: string): Html | string {
  const { item } = input;
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrfToken}" />`;
  if (item.status === 'resolved') return '';
  if (item.status === 'taken' && !mine) return html`<p>${takerOf(item) ?? 'Another agent'} is talking with ${input.employeeName}.</p>`;
  return html`<section aria-labelledby="actions-heading" class="actions">
    <h2 id="actions-heading">What you can do</h2>
    ${
      mine
        ? html`<form method="post" action="${base}/messages" class="stack">
            ${csrf}
            <label for="message">Message to ${input.employeeName}</label>
            <textarea
              id="message"
              name="text"
              rows="3"
              maxlength="4000"
              autofocus
              required
              ${input.flash?.problem ? html` aria-describedby="result"` : ''}
            ></textarea>
            <button type="submit">Send</button>
          </form>`
        : html`<form method="post" action="${base}/take-over">
            ${csrf}
            <button type="submit">Take over the conversation</button>
          </form>`
    }
    <form method="post" action="${base}/hand-back" class="stack">
      ${csrf}
      <label for="intent">${mine ? 'Hand back to the assistant with' : 'Continue the conversation with'}</label>
      <select id="intent" name="intent" ${mine ? '' : html` required`}>
        ${mine ? html`<option value="">No request: the employee carries on with the assistant</option>` : html`<option value="">Pick an intent</option>`}
        ${input.intents.map((i) => html`<option value="${i.value}">${i.label}</option>`)}
      </select>
      <button type="submit" class="secondary">${mine ? 'Hand back' : 'Hand to the assistant'}</button>
    </form>
    <form method="post" action="${base}/resolve" class="stack">
      ${csrf}
      <label for="note">Resolve with a note to ${input.employeeName}</label>
      <textarea id="note" name="note" rows="2" maxlength="4000" required></textarea>
      <button type="submit" class="secondary">Resolve</button>
    </form>
  </section>`;
}
