import { z } from 'zod';
import { embeddedRolesFor } from '../../auth/roles.js';
import { say, type TurnHandler } from '../turn-context.js';

const resolveValues = z.object({ triageId: z.string().min(1), value: z.string().min(1).optional(), intent: z.string().min(1).optional() }).loose();

/** An agent picks an intent on a triage card in chat; only service-desk members may. */
export const triageResolveAction: TurnHandler = async (ctx) => {
  if (!(ctx.turn.roles ?? embeddedRolesFor(ctx.person)).includes('agent')) return [say('Only service-desk agents can resolve triage items.')];
  const values = resolveValues.safeParse(ctx.turn.action?.values ?? {});
  const intent = values.success ? values.data.intent ?? values.data.value : undefined;
  if (!values.success || !intent) return [say('That triage button is missing its item or intent; please use the latest card.')];
  await ctx.triageDesk.resolve(values.data.triageId, ctx.person, { intent }, { via: ctx.turn.channel });
  return [say('Done: the conversation continues with the employee.')];
};
