/** Intl formatters are costly to build (locale data is resolved each time): one per zone and shape. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, shape: 'day' | 'time' | 'date'): Intl.DateTimeFormat {
  const key = `${timeZone}|${shape}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = shape === 'day' ? { year: 'numeric', month: '2-digit', day: '2-digit' }
      : shape === 'time' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : { weekday: 'short', day: 'numeric', month: 'short' };
    format = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    formatters.set(key, format);
  }
  return format;
}

/** "14:05" today, "Tue 3 Jun 14:05" on another day, in the configured zone. */
export function formatWhen(at: number, now: number, timeZone: string): string {
  const day = formatter(timeZone, 'day');
  const time = formatter(timeZone, 'time').format(at);
  if (day.format(at) === day.format(now)) return time;
  return `${formatter(timeZone, 'date').format(at)} ${time}`;
}
