/** What a task's sub-status carries besides its code: the date it names, what the requester was asked. */
export interface SubStatusDetail {
  subStatus: string | null;
  /** YYYY-MM-DD */
  date?: string | null;
  asked?: string | null;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** "Tue 15 Dec 2026" for 2026-12-15: a calendar day, the same in every zone. */
export function formatDay(isoDay: string): string {
  return dayFormat.format(new Date(`${isoDay}T00:00:00Z`));
}

/**
 * A task's sub-status in the requester's words: "waiting for parts, expected Tue 15 Dec 2026",
 * "waiting for you: bring the old laptop to the desk". Undefined when there is none.
 */
export function subStatusWords(detail: SubStatusDetail): string | undefined {
  const on = detail.date ? formatDay(detail.date) : undefined;
  switch (detail.subStatus) {
    case null: case undefined: return undefined;
    case 'in_progress': return 'in progress';
    case 'awaiting_parts': return on ? `waiting for parts, expected ${on}` : 'waiting for parts';
    case 'scheduled': return on ? `scheduled for ${on}` : 'scheduled';
    case 'awaiting_customer': return detail.asked ? `waiting for you: ${detail.asked}` : 'waiting for you';
    case 'awaiting_approval': return 'waiting for an extra approval';
    default: return detail.subStatus.replace(/_/g, ' ');
  }
}
