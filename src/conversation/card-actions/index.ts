import { Actions } from '../../messages/actions.js';
import type { TurnHandler } from '../turn-context.js';
import { approveAction, denyAction } from './approval-actions.js';
import { cancelRequestAction } from './cancel-request-action.js';
import { extendAccessAction } from './extend-access-action.js';
import { answerAction, backAction, cancelAction, changeAction, confirmAction } from './dialog-actions.js';
import { intentPickAction } from './intent-pick-action.js';
import { triageResolveAction } from './triage-resolve-action.js';

/** Card action id -> handler; a new card action is a new file and one line here. */
export const cardActions: Readonly<Record<string, TurnHandler>> = {
  [Actions.answer]: answerAction,
  [Actions.confirm]: confirmAction,
  [Actions.change]: changeAction,
  [Actions.cancel]: cancelAction,
  [Actions.back]: backAction,
  [Actions.pickIntent]: intentPickAction,
  [Actions.approve]: approveAction,
  [Actions.deny]: denyAction,
  [Actions.cancelRequest]: cancelRequestAction,
  [Actions.triageResolve]: triageResolveAction,
  [Actions.extendAccess]: extendAccessAction,
};
