import { html, type Html } from './html.js';

/**
 * A table of records as every page draws it: a caption (only for screen readers when the
 * section's heading already says it), a heading per column, and one row per record, so the
 * tables of every page read the same way to assistive technology.
 */
export function dataTable<T>(input: {
  caption: Html | string;
  captionHidden?: boolean;
  className?: string;
  columns: readonly string[];
  records: readonly T[];
  /** The cells of one record's row: a `<th scope="row">` first where the record has a name. */
  cells: (record: T) => Html;
}): Html {
  return html`<table${input.className ? html` class="${input.className}"` : ''}>
    <caption${input.captionHidden ? html` class="visually-hidden"` : ''}>${input.caption}</caption>
    <thead>
      <tr>
        ${input.columns.map((column) => html`<th scope="col">${column}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${input.records.map(
        (record) =>
          html`<tr>
            ${input.cells(record)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
