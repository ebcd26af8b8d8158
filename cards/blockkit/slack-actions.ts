/**
 * Action ids and view callback ids that exist only in Slack: things the engine never
 * sees as a card action because the Slack channel handles them itself (opening a modal,
 * paging a long list, taking over a triaged conversation). Shared ids stay in
 * src/conversation/actions.ts.
 */
export const SlackActions = {
  /** "Open as form" on a question: open the request type as a modal (needs the trigger_id). */
  openForm: 'slack.form.open',
  /** "New request" on App Home: open the catalog picker. */
  openCatalog: 'slack.catalog.open',
  /** "Show more" under a long list; the value says which list and page. */
  showMore: 'slack.more',
  /** An agent takes over a triaged conversation and relays messages. */
  triageTakeOver: 'triage.takeover',
  /** The agent hands the taken-over conversation back to the assistant. */
  triageHandBack: 'triage.handback',
  /**
   * Any field of a request form modal; only fields others depend on dispatch it, and the
   * block_id names the field. The channel answers with views.update and a rebuilt modal.
   */
  formField: 'slack.form.field',
  /** The request type picked in the catalog picker (dispatches so the form opens at once). */
  pickRequestType: 'slack.catalog.pick',
} as const;

export const SlackCallbacks = {
  /** The request form modal's view_submission. */
  requestForm: 'slack.form.submit',
  /** The catalog picker's view_submission. */
  catalogPicker: 'slack.catalog.submit',
  /** The deny-reason modal's view_submission. */
  denyReason: 'approval.deny.reason',
} as const;
