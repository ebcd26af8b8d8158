/** Action ids shared by every channel's cards (Adaptive Card submits, Block Kit action_ids). */
export const Actions = {
  answer: 'dialog.answer',
  confirm: 'dialog.confirm',
  change: 'dialog.change',
  cancel: 'dialog.cancel',
  back: 'dialog.back',
  pickIntent: 'intent.pick',
  approve: 'approval.approve',
  deny: 'approval.deny',
  triageResolve: 'triage.resolve',
  cancelRequest: 'request.cancel',
  extendAccess: 'access.extend',
} as const;
