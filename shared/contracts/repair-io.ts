import type { RepairRunState } from '../domain/repair/repair-model.js';

/** Names a repair run to the activities of its orchestration. */
export interface RepairRunRef {
  clusterName: string;
  runId: string;
}

/** One round of the run loop: the orchestration's clock, so a replay sees the same instant. */
export interface AdvanceRepairRunInput extends RepairRunRef {
  now: string;
}

/** Where the run stands after a round. */
export interface AdvanceRepairRunOutput {
  state: RepairRunState;
  finished: boolean;
  segmentsDone: number;
  segmentsTotal: number;
  /** What the round saw or did, for the operation's step message. */
  message: string;
  /** When the loop should look again. */
  nextCheckSeconds: number;
}
