import type { z } from 'zod';
import { decideRole, type Caller } from '../domain/access/decide-access.js';
import type { BackupRecord, DrillRecord } from '../domain/backup/backup-model.js';
import { isRestorable } from '../domain/backup/decide-backup-status.js';
import { safetyBackupId } from '../domain/backup/plan-table-restore.js';
import { requireBackup } from '../domain/backup/read-backup.js';
import { OpsError } from '../errors/ops-error.js';
import type { ApiResponse } from './api-response.js';
import { BackupRequestSchema, DrillRequestSchema, RestoreRequestSchema } from './api-schemas.js';
import type { BackupApiDeps } from './backup-api-deps.js';
import { forbiddenError } from './forbidden-error.js';
import { requireCluster } from './read-requests.js';
import { requestIssues } from './request-issues.js';
import { requireConfirm } from './require-confirm.js';
import { startBackup } from './start-backup.js';
import { startDrill } from './start-drill.js';
import { startRestore } from './start-restore.js';
import { startTableRestore } from './start-table-restore.js';

/** Backups and drills GET lists: the newest, enough for weeks of daily backups. */
const LISTED = 50;

/**
 * POST /api/clusters/{name}/backups: starts a cluster-wide backup (startBackup); 202 with the
 * operation and the backup's id. Errors: CASSOPS_REQUEST_INVALID for any field (none is taken),
 * and those of startBackup (404, 409 not Ready, 409 busy).
 */
export async function postBackupRequest(deps: BackupApiDeps, name: string, body: unknown, requestedBy: string): Promise<ApiResponse> {
  parseOrRefuse(BackupRequestSchema, body, 'backup');
  const { backup } = await startBackup(deps, { clusterName: name, operationId: deps.newId(), requestedBy, trigger: 'api' });
  const backupUrl = `/api/clusters/${name}/backups/${backup.backupId}`;
  return { status: 202, body: { operationId: backup.backupId, backupId: backup.backupId, cluster: name,
    statusUrl: `/api/operations/${backup.backupId}`, backupUrl }, headers: { location: backupUrl, 'retry-after': '5' } };
}

/** GET /api/clusters/{name}/backups: the newest first, each with its size, files, new bytes, duration and whether a drill proved it. */
export async function listBackupsRequest(deps: BackupApiDeps, name: string): Promise<ApiResponse> {
  await requireCluster(deps.state, name);
  const backups = await Promise.all((await deps.backups.listBackups(name, LISTED)).map((b) => reconciledBackup(deps, b)));
  return { status: 200, body: { cluster: name, backups: backups.map(backupView) } };
}

/** GET /api/clusters/{name}/backups/{id}. */
export async function getBackupRequest(deps: BackupApiDeps, name: string, id: string): Promise<ApiResponse> {
  await requireCluster(deps.state, name);
  return { status: 200, body: backupView(await reconciledBackup(deps, await requireBackup(deps, name, id))) };
}

/**
 * POST /api/clusters/{name}/restores with `{ backupId, targetCluster, networks? }`: restores the
 * backup into a new cluster (startRestore); 202 with the new cluster's operation. With
 * `{ backupId, inPlace: true, tables | keyspaces, confirm }`: restores those tables into this
 * cluster (startTableRestore), Admin only though the route is Operator's (403 CASSOPS_FORBIDDEN
 * naming the role, before anything is read); confirm must repeat the cluster name
 * (CASSOPS_CONFIRM_MISMATCH); 202 with the operation and its safety backup's id.
 */
export async function postRestoreRequest(deps: BackupApiDeps, name: string, body: unknown, caller: Caller): Promise<ApiResponse> {
  const request = parseOrRefuse(RestoreRequestSchema, body, 'restore');
  const operationId = deps.newId();
  const statusUrl = `/api/operations/${operationId}`;
  const headers = { location: statusUrl, 'retry-after': '5' };
  if (request.inPlace) {
    const decision = decideRole('Admin', caller.roles);
    if (!decision.allowed) throw forbiddenError('An in-place restore', decision, caller);
    requireConfirm(name, request.confirm, `to empty and restore tables of cluster '${name}'`, 'body');
    const { restore } = await startTableRestore(deps, { clusterName: name, backupId: request.backupId, tables: request.tables,
      keyspaces: request.keyspaces, operationId, requestedBy: caller.identity, trigger: 'api' });
    return { status: 202, body: { operationId, restoreId: operationId, cluster: name, backupId: request.backupId, tables: restore.tables,
      safetyBackupId: safetyBackupId(operationId), statusUrl }, headers };
  }
  const { inPlace: _newCluster, ...into } = request;
  await startRestore(deps, { sourceCluster: name, ...into, operationId, requestedBy: caller.identity, trigger: 'api' });
  return { status: 202, body: { operationId, restoreId: operationId, cluster: name, backupId: request.backupId,
    targetCluster: request.targetCluster, statusUrl }, headers };
}

/** POST /api/clusters/{name}/drills with `{ backupId? }`: starts a restore drill (startDrill); 202 with its operation. */
export async function postDrillRequest(deps: BackupApiDeps, name: string, body: unknown, requestedBy: string): Promise<ApiResponse> {
  const request = parseOrRefuse(DrillRequestSchema, body, 'drill');
  const { drill } = await startDrill(deps, { clusterName: name, operationId: deps.newId(), backupId: request.backupId, requestedBy, trigger: 'api' });
  const statusUrl = `/api/operations/${drill.drillId}`;
  return { status: 202, body: { operationId: drill.drillId, drillId: drill.drillId, cluster: name, backupId: drill.backupId,
    targetCluster: drill.targetCluster, statusUrl }, headers: { location: statusUrl, 'retry-after': '5' } };
}

/** GET /api/clusters/{name}/drills: the newest first, with their RPO and RTO. */
export async function listDrillsRequest(deps: BackupApiDeps, name: string): Promise<ApiResponse> {
  await requireCluster(deps.state, name);
  return { status: 200, body: { cluster: name, drills: (await deps.backups.listDrills(name, LISTED)).map(drillView) } };
}

function parseOrRefuse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new OpsError('CASSOPS_REQUEST_INVALID', { message: `The ${what} request is invalid.`, issues: requestIssues(parsed.error) });
  return parsed.data;
}

/**
 * The backup as it truly stands: one whose record still says Running while its operation ended
 * Failed (the orchestration was abandoned before it could record that) shows Failed.
 */
async function reconciledBackup(deps: BackupApiDeps, backup: BackupRecord): Promise<BackupRecord> {
  if (backup.status !== 'Running') return backup;
  const operation = await deps.state.getOperation(backup.backupId);
  if (operation?.status !== 'Failed') return backup;
  return { ...backup, status: 'Failed', ...(operation.error ? { error: { code: operation.error.code, message: operation.error.message } } : {}) };
}

function backupView(b: BackupRecord) {
  return { backupId: b.backupId, cluster: b.clusterName, status: b.status, trigger: b.trigger, requestedBy: b.requestedBy,
    createdAt: b.createdAt, ...(b.endedAt ? { endedAt: b.endedAt } : {}), ...(b.durationMs !== undefined ? { durationMs: b.durationMs } : {}),
    keyspaces: b.keyspaces, ...(b.tables ? { tables: b.tables } : {}), nodesTotal: b.nodesTotal, nodesDone: b.nodesDone,
    nodesMissing: b.nodesMissing, stats: b.stats, ...(b.nodeTimes ? { nodeTimes: b.nodeTimes } : {}),
    restorable: isRestorable(b), proven: b.latestDrill?.status === 'Succeeded',
    ...(b.latestDrill ? { latestDrill: b.latestDrill } : {}), ...(b.error ? { error: { code: b.error.code, message: b.error.message } } : {}) };
}

function drillView(d: DrillRecord) {
  return { drillId: d.drillId, cluster: d.clusterName, backupId: d.backupId, targetCluster: d.targetCluster, status: d.status,
    trigger: d.trigger, startedAt: d.startedAt, ...(d.endedAt ? { endedAt: d.endedAt } : {}),
    ...(d.rtoSeconds !== undefined ? { rtoSeconds: d.rtoSeconds } : {}), ...(d.rpoSeconds !== undefined ? { rpoSeconds: d.rpoSeconds } : {}),
    ...(d.tablesChecked !== undefined ? { tablesChecked: d.tablesChecked } : {}), ...(d.rowsChecked !== undefined ? { rowsChecked: d.rowsChecked } : {}),
    ...(d.error ? { error: { code: d.error.code, message: d.error.message } } : {}) };
}
