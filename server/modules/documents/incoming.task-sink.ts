// The instruction → task hand-off into the ledger (A2-11: a leader's 批示 on a major matter is supervised as a task).
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { InstructionTaskSink } from './incoming.service.ts';

/** The ledger as the sink: a task whose source is the instruction (type leader_instruction, ref = the incoming item). */
export function ledgerInstructionSink(ledger: Pick<LedgerService, 'createTask' | 'taskStates'>): InstructionTaskSink {
  return {
    async createTask(input, ctx) {
      const task = await ledger.createTask(
        input.officeId,
        {
          title: input.title,
          description: input.description,
          leadUnitId: input.leadUnitId,
          deadline: input.deadline,
          keyTask: input.keyTask,
          source: { type: 'leader_instruction', ref: input.itemId, label: input.label },
        },
        ctx,
      );
      return { taskId: task.id };
    },
    async taskExists(officeId, taskId) {
      return (await ledger.taskStates(officeId, [taskId])).exists.has(taskId);
    },
  };
}
