// The decision → task hand-off into the ledger (A1-8 decisions are what gets supervised, SPEC §2-3).
import type { Actor } from '../../platform/actor.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { DecisionTaskSink } from './meetings.service.ts';

/** The ledger as the sink: a task whose source is the decision (type meeting_decision, ref = the decision's id). */
export function ledgerTaskSink(ledger: Pick<LedgerService, 'createTask' | 'getTask'>): DecisionTaskSink {
  return {
    async createTaskFromDecision(input, ctx) {
      const task = await ledger.createTask(
        input.officeId,
        {
          title: input.title,
          description: input.description.slice(0, 5000),
          leadUnitId: input.leadUnitId,
          deadline: input.deadline,
          keyTask: input.keyTask,
          source: { type: 'meeting_decision', ref: input.decisionId, label: input.label },
        },
        ctx,
      );
      return { taskId: task.id };
    },
    async doneTaskIds(officeId: string, taskIds: string[], actor: Actor) {
      const done = new Set<string>();
      for (const id of taskIds) {
        try {
          if ((await ledger.getTask(actor, officeId, id)).status === 'done') done.add(id);
        } catch {
          // A task removed from the ledger is simply not done.
        }
      }
      return done;
    },
  };
}
