import type { IntentKind } from '../../catalog/schema.js';
import { agentIntent } from './agent-intent.js';
import { cancelIntent } from './cancel-intent.js';
import { greetingIntent } from './greeting-intent.js';
import { helpIntent } from './help-intent.js';
import { incidentIntent } from './incident-intent.js';
import type { IntentHandler } from './intent-handler.js';
import { myApprovalsIntent } from './my-approvals-intent.js';
import { requestIntent } from './request-intent.js';
import { statusIntent } from './status-intent.js';

export type { IntentArgs, IntentHandler } from './intent-handler.js';

/** Intent kind -> handler. A new kind is a new file and one line here (the type makes it required). */
export const intentHandlers: Readonly<Record<IntentKind, IntentHandler>> = {
  request: requestIntent,
  status: statusIntent,
  'my-approvals': myApprovalsIntent,
  help: helpIntent,
  cancel: cancelIntent,
  agent: agentIntent,
  incident: incidentIntent,
  greeting: greetingIntent,
};
