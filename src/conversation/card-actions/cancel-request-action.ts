import { z } from 'zod';
import { say, type TurnHandler } from '../turn-context.js';
import { requestNumberSchema } from '../../request-records/request-number.js';

const cancelValues = z.object({ number: requestNumberSchema, reason: z.string().max(500).optional() }).loose();

export const cancelRequestAction: TurnHandler = async (ctx) => {
  const values = cancelValues.safeParse(ctx.turn.action?.values ?? {});
  if (!values.success) return [say('Which request should I cancel? Say for example "cancel REQ-1042".')];
  const result = await ctx.deps.lifecycle.cancel({
    person: ctx.person, number: values.data.number.toUpperCase(), channel: ctx.turn.channel, ...(values.data.reason ? { reason: values.data.reason } : {}),
  });
  return [say(result.message)];
};
