import { dataTable } from '../../http/pages/data-table.js';
import { html, type Html } from '../../http/pages/html.js';
import type { TriageFilter } from '../../triage/triage-filter.js';
import type { TriageItem } from '../../triage/triage-item.js';
import { channelLabels, stateLabel, takerOf, timeLabel } from './item-labels.js';

export interface QueueInput {
  /** Newest first; only the newest `shownInQueue` are listed. */
  items: TriageItem[];
  filter: TriageFilter;
  /** Employees' names by email. */
  names: ReadonlyMap<string, string>;
  /** The service desk, for "who has it". */
  agents: Array<{ id: string; name: string }>;
}

/** A page an agent can still read; a filter finds anything older. */
export const shownInQueue = 200;

const states: Array<[string, string]> = [
  ['', 'Any state'],
  ['open', 'Open'],
  ['taken', 'Taken over'],
  ['resolved', 'Resolved'],
];

/** The queue, newest first, with the filter form above it and who has each item. */
export function queueView(input: QueueInput): Html {
  const { filter } = input;
  const items = input.items.slice(0, shownInQueue);
  const more = input.items.length - items.length;
  const filtered = Boolean(filter.status || filter.channel || filter.takenBy || filter.q);
  return html`<h1>Triage queue</h1>
    <form method="get" action="/console/triage" class="filters" role="search" aria-label="Filter the queue">
      ${select('status', 'State', states, filter.status)}
      ${select('channel', 'Channel', [['', 'Any channel'], ...Object.entries(channelLabels)], filter.channel)}
      ${select('takenBy', 'Who has it', [['', 'Anyone'], ...input.agents.map((a): [string, string] => [a.id, a.name])], filter.takenBy)}
      <p class="field">
        <label for="filter-q">Words</label>
        <input id="filter-q" name="q" type="search" maxlength="200" value="${filter.q ?? ''}" />
      </p>
      <p class="field"><button type="submit">Filter</button></p>
    </form>
    ${
      items.length === 0
        ? html`<p class="empty">${filtered ? 'Nothing in the queue matches this filter.' : 'The queue is empty.'}</p>`
        : dataTable({
            className: 'queue',
            caption: html`${more > 0 ? `The newest ${items.length} of ${input.items.length} items` : items.length === 1 ? 'One item' : `${items.length} items`}${filtered ? ' matching the filter' : ''},
            newest first${more > 0 ? ': narrow the filter to find older ones' : ''}`,
            columns: ['Received', 'From', 'Message', 'Channel', 'State', 'With'],
            records: items,
            cells: (item) =>
              html`<td><time datetime="${item.createdAt}">${timeLabel(item.createdAt)}</time></td>
                <td>${input.names.get(item.personId) ?? item.personId}</td>
                <td><a href="/console/triage/${item.id}">${excerpt(item.text)}</a></td>
                <td>${channelLabels[item.channel]}</td>
                <td><span class="state state-${item.status}">${stateLabel(item)}</span></td>
                <td>${takerOf(item) ?? html`<span class="empty">Nobody</span>`}</td>`,
          })
    }`;
}

function select(name: string, label: string, options: Array<[string, string]>, current: string | undefined): Html {
  return html`<p class="field">
    <label for="filter-${name}">${label}</label>
    <select id="filter-${name}" name="${name}">
      ${options.map(([value, text]) => html`<option value="${value}" ${value === (current ?? '') ? html` selected` : ''}>${text}</option>`)}
    </select>
  </p>`;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line || '(no text)';
}
