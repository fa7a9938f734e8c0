import type { TableClient } from '@azure/data-tables';
import type { RemediationRecord } from '../../domain/remediation/decide-remediation.js';
import type { RemediationStore } from '../../domain/ports/remediation-store.js';
import { OpsError } from '../../errors/ops-error.js';
import { tableClient, type TableStoreOptions } from './table-connection.js';
import { TableIndexedRecords } from './table-indexed-records.js';

/** RemediationStore on Azure Table storage: `<prefix>Remediations`, partition = cluster, a record per decision with a newest-first index row. */
export class TableRemediationStore implements RemediationStore {
  private readonly table: TableClient;
  private readonly records: TableIndexedRecords<RemediationRecord>;
  private ready: Promise<void> | undefined;

  constructor(options: TableStoreOptions) {
    this.table = tableClient(options, `${options.tablePrefix ?? 'autopilot'}Remediations`);
    this.records = new TableIndexedRecords<RemediationRecord>(this.table, {
      rowPrefix: 'decision_', label: 'Remediation decision', clusterOf: (r) => r.clusterName, idOf: (r) => r.id, createdAtOf: (r) => r.at,
      columnsOf: (r) => ({ checkId: r.checkId, node: r.node ?? '', decision: r.decision, at: r.at }),
      notFound: (c, id) => new OpsError('CASSOPS_STATE_CONFLICT', { message: `Cluster '${c}' has no remediation decision '${id}'.` }),
    }, () => this.ensureTable());
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.table.createTable().then(() => undefined, (error: unknown) => { this.ready = undefined; throw error; });
    return this.ready;
  }

  recordDecision(record: RemediationRecord): Promise<RemediationRecord> {
    return this.records.create(record);
  }

  async setOperation(clusterName: string, id: string, operationId: string): Promise<void> {
    await this.records.update(clusterName, id, (r) => (r.operationId === operationId ? undefined : { ...r, operationId }));
  }

  listDecisions(clusterName: string, limit: number): Promise<RemediationRecord[]> {
    return this.records.list(clusterName, limit);
  }
}
