import type { RemediationRecord } from '../remediation/decide-remediation.js';

/** The autopilot's decisions per cluster, newest first. */
export interface RemediationStore {
  /** Stores the decision unless one with its id is stored; returns whichever is stored. */
  recordDecision(record: RemediationRecord): Promise<RemediationRecord>;
  /** Sets what a taken decision started, once it started. */
  setOperation(clusterName: string, id: string, operationId: string): Promise<void>;
  listDecisions(clusterName: string, limit: number): Promise<RemediationRecord[]>;
}
