import { audit } from '../audit/index.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import type { Fulfilment } from './fulfilment.js';
import { addNoteRow } from './manual-tasks.js';
import { teamTask } from './task-access.js';
import { noteViews } from './task-view.js';

/**
 * Work notes: many per task, by whom and when. Internal notes stay with the teams and the
 * service desk; a note visible to the requester is also told to them.
 */
export function taskNotes(ctx: FulfilmentContext): Pick<Fulfilment, 'addNote' | 'notes'> {
  return {
    async addNote(input) {
      const text = input.text.trim();
      if (!text) throw new ValidationError('A note needs some text', { text: 'Write the note' });
      const id = await ctx.store.transaction(async (repos) => {
        const step = await teamTask(repos, input.stepId, input.actor);
        const request = (await repos.requests.findById(step.requestId))!;
        if (step.status !== 'pending' && input.visibleToRequester) throw new ConflictError(`This task is ${step.status}; a note for the requester is no longer sent`);
        const at = ctx.now();
        const noteId = await addNoteRow(repos, { stepId: step.id, requestId: request.id, authorId: input.actor.person.id, text, visibleToRequester: input.visibleToRequester, at });
        await audit(repos, { actorId: input.actor.person.id, action: 'fulfilment-step.note', targetType: 'fulfilment-step', targetId: step.id, after: { note: noteId, visibleToRequester: input.visibleToRequester }, channel: input.channel, at });
        if (input.visibleToRequester) {
          await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${formatRequestNumber(request.number)}: a note from the ${step.team} team on ${step.title}: ${text}` }], at);
        }
        return noteId;
      });
      await ctx.outbox.flush();
      return (await noteViews(ctx, (await ctx.store.read.manualTasks.notesOf([input.stepId])).filter((n) => n.id === id)))[0]!;
    },

    async notes(input) {
      const step = await teamTask(ctx.store.read, input.stepId, input.actor);
      return noteViews(ctx, await ctx.store.read.manualTasks.notesOf([step.id]));
    },
  };
}
