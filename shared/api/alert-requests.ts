import { createHash } from 'node:crypto';
import { OpsError } from '../errors/ops-error.js';
import { CLUSTER_STATES } from '../domain/state/state-records.js';
import { parseCommonAlert } from '../domain/health/common-alert-schema.js';
import { matchAlertTarget, type ManagedVm } from '../domain/health/match-alert-target.js';
import type { ApiResponse } from './api-response.js';
import type { HealthApiDeps } from './health-api-deps.js';
import type { QueuedAlert } from '../domain/ports/alert-queue.js';

/**
 * POST /api/alerts: an Action Group webhook with the common alert schema. Validates the shape
 * and queues the alert, answering 202 at once: Action Groups give up after 10 s and retry, so
 * matching, recording and checking happen in the alert worker. Errors: CASSOPS_REQUEST_INVALID
 * (400) with every problem at its JSON path.
 */
export async function postAlertRequest(deps: HealthApiDeps, body: unknown): Promise<ApiResponse> {
  const parsed = parseCommonAlert(body);
  if (!parsed.ok) throw new OpsError('CASSOPS_REQUEST_INVALID', { message: 'The alert does not follow the Azure Monitor common alert schema.', issues: parsed.issues });
  await deps.alerts.enqueue({ alert: parsed.alert, receivedAt: deps.now().toISOString() });
  const e = parsed.alert.data.essentials;
  return { status: 202, body: { accepted: true, alertId: e.alertId, monitorCondition: e.monitorCondition } };
}

/** What the worker did with one alert. */
export interface AlertOutcome {
  recorded: boolean;
  cluster?: string;
  node?: string;
  checkId?: string;
}

/**
 * The alert worker: matches the alert's targets to a managed VM or resource group, records it
 * once per alert id and condition, and starts a check of the matched Ready cluster. Idempotent:
 * a redelivered or re-sent alert finds its record and only starts the check if that never began
 * (the check id is derived from the alert, so a retry cannot start a second one).
 */
export async function processQueuedAlert(deps: HealthApiDeps, queued: QueuedAlert): Promise<AlertOutcome> {
  const e = queued.alert.data.essentials;
  const clusters = (await deps.state.listClusters()).filter((c) => c.state === CLUSTER_STATES.Ready);
  const vms: ManagedVm[] = clusters.flatMap((c) => c.plan.nodes.map((n) => ({ cluster: c.name, node: n.name, resourceGroup: n.resourceGroup, vmName: n.vmName })));
  const match = matchAlertTarget(e.alertTargetIDs, vms);
  const checkId = match ? `alert-${createHash('sha256').update(`${e.alertId.toLowerCase()}|${e.monitorCondition}`).digest('hex').slice(0, 24)}` : undefined;
  const record = await deps.health.recordAlert({
    alertId: e.alertId, monitorCondition: e.monitorCondition, alertRule: e.alertRule, severity: e.severity, signalType: e.signalType,
    firedDateTime: e.firedDateTime, receivedAt: queued.receivedAt, targets: e.alertTargetIDs, cluster: match?.cluster, node: match?.node, checkId,
  });
  if (match && checkId && (record.recorded || !(await deps.checks.status(checkId)))) {
    await deps.checks.start(match.cluster, checkId, 'alert');
  }
  return { recorded: record.recorded, cluster: match?.cluster, node: match?.node, checkId };
}
