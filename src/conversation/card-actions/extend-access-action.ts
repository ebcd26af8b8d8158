import { z } from 'zod';
import { say, type TurnHandler } from '../turn-context.js';

const extendValues = z.object({ grantId: z.string().min(1).max(100), endsAt: z.iso.datetime().optional() }).loose();

/** "Extend" on the warning that time-bound access ends soon; only the holder's click counts. */
export const extendAccessAction: TurnHandler = async (ctx) => {
  const values = extendValues.safeParse(ctx.turn.action?.values ?? {});
  if (!values.success) return [say('That button is missing which access to extend; please use the latest warning.')];
  const result = await ctx.deps.lifecycle.extendAccess({
    grantId: values.data.grantId,
    person: ctx.person,
    channel: ctx.turn.channel,
    ...(values.data.endsAt ? { endsAt: values.data.endsAt } : {}),
  });
  return [say(result.message)];
};
