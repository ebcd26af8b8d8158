import { z } from 'zod';
import type { Reply } from '../../messages/reply.js';
import { say, type TurnContext, type TurnHandler } from '../turn-context.js';

const decisionValues = z.object({ approvalId: z.string().min(1), comment: z.string().max(2000).optional() }).loose();

/** The lifecycle checks that the person clicking is the approver (or their delegate). */
function decide(decision: 'approve' | 'deny'): TurnHandler {
  return async (ctx: TurnContext) => {
    if (ctx.turn.roles && !ctx.turn.roles.includes('approver')) return [say('Approving and denying need the approver role, which this chat was not opened with.')];
    const values = decisionValues.safeParse(ctx.turn.action?.values ?? {});
    if (!values.success) return [say('That approval button is missing its approval; please use the latest card.')];
    const comment = values.data.comment?.trim();
    const result = await ctx.deps.lifecycle.decide({
      approvalId: values.data.approvalId, actor: ctx.person, decision, channel: ctx.turn.channel, ...(comment ? { comment } : {}),
    });
    const replies: Reply[] = [say(result.message)];
    if (result.card) replies.push(result.card);
    return replies;
  };
}

export const approveAction = decide('approve');
export const denyAction = decide('deny');
