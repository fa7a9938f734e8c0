import { actionableFindings, type AlertRecord, type HealthCheckRecord, type HealthStore, type HistoryPage, type ListHistoryOptions, type RecordCheckResult } from '../../domain/health/health-store.js';
import type { HealthStatus, NodeHealth } from '../../domain/health/health-report.js';
import { jsonCopy } from './json-copy.js';

/** The latest check of a cluster with what it replaced, so a retried record answers the same. */
interface Latest {
  record: HealthCheckRecord;
  replacedStatus?: HealthStatus;
  replacedActionable?: string;
  replacedCheckId?: string;
}

/**
 * HealthStore in memory: the twin the HealthStore contract suite runs beside the Table adapter.
 * Each call runs to completion without yielding, which gives the guarantees the Table adapter
 * gets from ETags: only a newer check replaces the latest, and each replaced status is claimed
 * once. History is keyed by time and check id and listed newest first; alert ids compare
 * case-insensitively (Azure resource ids do). Records are JSON-copied in and out.
 */
export class InMemoryHealthStore implements HealthStore {
  private readonly latest = new Map<string, Latest>();
  private readonly nodes = new Map<string, Map<string, NodeHealth>>();
  private readonly history = new Map<string, Map<string, HealthCheckRecord>>();
  private readonly alerts = new Map<string, AlertRecord>();

  async recordCheck(record: HealthCheckRecord): Promise<RecordCheckResult> {
    const history = this.history.get(record.cluster) ?? new Map<string, HealthCheckRecord>();
    history.set(`${record.report.evaluatedAt}|${record.checkId}`, jsonCopy(record));
    this.history.set(record.cluster, history);
    const stored = this.latest.get(record.cluster);
    if (stored?.record.checkId === record.checkId) {
      return { becameLatest: true, replacedStatus: stored.replacedStatus, replacedCheckId: stored.replacedCheckId, replacedActionable: stored.replacedActionable };
    }
    if (stored && stored.record.report.evaluatedAt > record.report.evaluatedAt) {
      return { becameLatest: false, replacedStatus: stored.record.report.status };
    }
    const replaced = { replacedStatus: stored?.record.report.status, replacedCheckId: stored?.record.checkId,
      replacedActionable: stored ? actionableFindings(stored.record.report) : undefined };
    this.latest.set(record.cluster, { record: jsonCopy(record), ...replaced });
    const nodes = this.nodes.get(record.cluster) ?? new Map<string, NodeHealth>();
    for (const node of record.report.nodes) nodes.set(node.node, jsonCopy(node));
    this.nodes.set(record.cluster, nodes);
    return { becameLatest: true, ...replaced };
  }

  async getLatest(cluster: string): Promise<HealthCheckRecord | undefined> {
    return jsonCopy(this.latest.get(cluster)?.record);
  }

  async getNodeLatest(cluster: string, node: string): Promise<NodeHealth | undefined> {
    return jsonCopy(this.nodes.get(cluster)?.get(node));
  }

  async listHistory(cluster: string, options: ListHistoryOptions): Promise<HistoryPage> {
    const from = Date.parse(options.from);
    const to = Date.parse(options.to);
    const items = [...(this.history.get(cluster)?.values() ?? [])]
      .filter((r) => Date.parse(r.report.evaluatedAt) >= from && Date.parse(r.report.evaluatedAt) <= to)
      .sort(newestFirst);
    const cursor = options.continuationToken ? decodeCursor(options.continuationToken) : undefined;
    const start = cursor ? items.findIndex((r) => newestFirst(r, cursor) > 0) : 0;
    const page = (start < 0 ? [] : items.slice(start, start + options.pageSize)).map(jsonCopy);
    const last = page.at(-1);
    const more = start >= 0 && start + options.pageSize < items.length;
    return more && last ? { items: page, continuationToken: encodeCursor(last) } : { items: page };
  }

  async recordAlert(alert: AlertRecord): Promise<{ recorded: boolean }> {
    const key = alertKey(alert.alertId, alert.monitorCondition);
    if (this.alerts.has(key)) return { recorded: false };
    this.alerts.set(key, jsonCopy(alert));
    return { recorded: true };
  }

  async getAlert(alertId: string, monitorCondition: string): Promise<AlertRecord | undefined> {
    return jsonCopy(this.alerts.get(alertKey(alertId, monitorCondition)));
  }
}

type Cursor = Pick<HealthCheckRecord, 'checkId'> & { report: Pick<HealthCheckRecord['report'], 'evaluatedAt'> };

/** The Table adapter's row order: newest first, then by check id. */
function newestFirst(a: Cursor, b: Cursor): number {
  const byTime = Date.parse(b.report.evaluatedAt) - Date.parse(a.report.evaluatedAt);
  return byTime !== 0 ? byTime : a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0;
}

function encodeCursor(record: HealthCheckRecord): string {
  const cursor = { evaluatedAt: record.report.evaluatedAt, checkId: record.checkId };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof cursor.evaluatedAt === 'string' && typeof cursor.checkId === 'string') {
      return { checkId: cursor.checkId, report: { evaluatedAt: cursor.evaluatedAt } };
    }
  } catch { /* falls through to the error below */ }
  throw new RangeError('continuationToken is not one this API issued');
}

function alertKey(alertId: string, monitorCondition: string): string {
  return `${alertId.toLowerCase()}|${monitorCondition}`;
}
