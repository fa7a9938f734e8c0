import type { RemediationRecord } from '../../domain/remediation/decide-remediation.js';
import type { RemediationStore } from '../../domain/ports/remediation-store.js';
import { OpsError } from '../../errors/ops-error.js';
import { jsonCopy } from './json-copy.js';

/** RemediationStore in memory: the twin the contract suite runs beside the Table store. */
export class InMemoryRemediationStore implements RemediationStore {
  private readonly records = new Map<string, RemediationRecord>();

  async recordDecision(record: RemediationRecord): Promise<RemediationRecord> {
    const key = `${record.clusterName}|${record.id}`;
    if (!this.records.has(key)) this.records.set(key, jsonCopy(record));
    return jsonCopy(this.records.get(key)!);
  }

  async setOperation(clusterName: string, id: string, operationId: string): Promise<void> {
    const stored = this.records.get(`${clusterName}|${id}`);
    if (!stored) throw new OpsError('CASSOPS_STATE_CONFLICT', { message: `Cluster '${clusterName}' has no remediation decision '${id}'.` });
    stored.operationId = operationId;
  }

  async listDecisions(clusterName: string, limit: number): Promise<RemediationRecord[]> {
    return [...this.records.values()].filter((r) => r.clusterName === clusterName)
      .sort((a, b) => b.at.localeCompare(a.at) || (a.id < b.id ? -1 : 1)).slice(0, Math.max(0, limit)).map((r) => jsonCopy(r));
  }
}
