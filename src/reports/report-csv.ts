import type { ReportCell, ReportTable } from './report.js';

/**
 * A report table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma,
 * quote or line break quoted, quotes doubled). A text cell starting with = + - @ (or a tab
 * or carriage return) is prefixed with an apostrophe, so a spreadsheet opening the file reads
 * it as text, never as a formula. Numbers are written as they are.
 */
export function reportCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => csvField(c.label)), ...table.rows.map((row) => row.map(csvField))];
  return lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

function csvField(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
