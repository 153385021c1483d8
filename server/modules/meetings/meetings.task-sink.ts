// The decision → task hand-off into the ledger (A1-8 decisions are what gets supervised, SPEC §2-3).
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { DecisionTaskSink } from './meetings.service.ts';

/** The ledger as the sink: a task whose source is the decision (type meeting_decision, ref = the decision's id). */
export function ledgerTaskSink(ledger: Pick<LedgerService, 'createTask' | 'taskStates'>): DecisionTaskSink {
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
    // One query for all linked tasks; a task removed from the ledger is simply not done.
    async doneTaskIds(officeId: string, taskIds: string[]) {
      return (await ledger.taskStates(officeId, taskIds)).done;
    },
  };
}
