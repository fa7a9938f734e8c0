import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-codes.js';
import { OPERATION_KINDS, OPERATION_TRIGGERS } from '../domain/operations/operation-kinds.js';
import { REPAIR_DESIRED, REPAIR_MODES, REPAIR_RUN_STATES } from '../domain/repair/repair-model.js';
import { LEDGER_STATUSES } from '../domain/repair/evaluate-ledger.js';
import { SPEC_LIMITS } from '../domain/spec/spec-limits.js';
import { PER_DC_SYSTEM_KEYSPACES } from '../domain/topology/plan-topology.js';
import { BACKUP_STATUSES, DRILL_STATUSES } from '../domain/backup/backup-model.js';
import { clusterName, dcNetwork } from '../domain/spec/cluster-spec-schema.js';
import { FINDING_CODES, FINDING_SEVERITIES, HEALTH_STATUSES } from '../domain/health/health-report.js';
import { CHECK_TRIGGERS } from '../domain/health/health-store.js';

/**
 * Zod schemas of the API's responses (and of the request bodies other than the spec): the
 * OpenAPI document is generated from them, and the API tests check real responses against them,
 * so the document cannot drift from what is served.
 */
const codes = Object.keys(ERROR_CODES) as [string, ...string[]];

export const IssueSchema = z.object({ path: z.string(), message: z.string() });

export const ErrorBodySchema = z.object({
  code: z.enum(codes).describe('Stable error code; see docs/api.md, "Error codes".'),
  message: z.string(),
  issues: z.array(IssueSchema).optional().describe('Every problem found, each with its JSON path.'),
});

export const AcceptedSchema = z.object({
  operationId: z.string(),
  clusterName: z.string(),
  statusUrl: z.string().describe('GET it to follow the operation.'),
});

const StepSchema = z.object({
  name: z.string(),
  status: z.enum(['Running', 'Succeeded', 'Failed']),
  percent: z.number().min(0).max(100),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  message: z.string().optional(),
});

export const OperationSchema = z.object({
  id: z.string(),
  kind: z.enum(Object.values(OPERATION_KINDS)),
  clusterName: z.string(),
  status: z.enum(['Running', 'AwaitingApproval', 'Succeeded', 'Failed']),
  percent: z.number().min(0).max(100),
  steps: z.array(StepSchema),
  requestedBy: z.string().describe('The caller\'s identity (its key\'s name locally), or the product for timers and remediation.'),
  trigger: z.enum(OPERATION_TRIGGERS).describe('Why the operation started.'),
  tookOverFrom: z.array(z.object({ operationId: z.string(), reason: z.string() })).optional()
    .describe('Abandoned operations whose lease this one took over.'),
  leaseBroken: z.object({ by: z.string(), at: z.string() }).optional().describe('Set when an admin broke this operation\'s lease.'),
  proposal: z.object({ action: z.string(), reason: z.string(), expiresAt: z.string() }).optional()
    .describe('What an operation waiting for approval (AwaitingApproval) proposes, why, and until when it waits.'),
  decision: z.object({ approved: z.boolean(), by: z.string(), at: z.string(), reason: z.string().optional() }).optional()
    .describe('The answer to the proposal; by `timeout` when none came in time.'),
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), azureCode: z.string().optional(), issues: z.array(IssueSchema).optional() }).optional(),
});

export const OperationListSchema = z.object({ cluster: z.string(), operations: z.array(OperationSchema).describe('Newest first.') });

const clusterState = z.enum(['Provisioning', 'Ready', 'Failed', 'Deleting', 'Deleted']);

export const ClusterListSchema = z.object({
  clusters: z.array(z.object({ name: z.string(), state: clusterState, lastOperationId: z.string(), createdAt: z.string(), updatedAt: z.string() })),
});

export const ClusterDetailSchema = z.object({
  name: z.string(),
  state: clusterState,
  lastOperationId: z.string(),
  runningOperationId: z.string().nullable(),
  runningOperations: z.array(z.object({ operationId: z.string(), kind: z.enum(Object.values(OPERATION_KINDS)), requestedBy: z.string(), claimedAt: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  spec: z.record(z.string(), z.unknown()).describe('The validated spec, defaults applied.'),
  plan: z.record(z.string(), z.unknown()).describe('Names, addresses and join order decided for the spec.'),
  nodes: z.array(z.object({ name: z.string(), dc: z.string(), rack: z.string(), privateIp: z.string(), isSeed: z.boolean(),
    vmName: z.string(), state: z.enum(['Planned', 'VmCreated', 'Joined', 'Failed']), updatedAt: z.string() })),
  etag: z.string().describe('The spec\'s ETag (also the ETag header): send it as If-Match to PUT a changed spec.'),
});

export const LeaseBreakSchema = z.object({
  clusterName: z.string(),
  brokenBy: z.string(),
  brokenAt: z.string(),
  broken: z.array(z.object({ operationId: z.string(), kind: z.string(), requestedBy: z.string() })).describe('The holds removed.'),
});

const CQL_NAME = '[A-Za-z][A-Za-z0-9_]{0,47}';
/** Tables a request may name: a spec's keyspaces each hold a few dozen at most. */
const MAX_TABLES = 1000;
const keyspaceNames = z.array(z.string().regex(new RegExp(`^${CQL_NAME}$`), { error: 'must be a keyspace name (a CQL identifier)' }));
const tableNames = z.array(z.string().regex(new RegExp(`^${CQL_NAME}\\.${CQL_NAME}$`), { error: 'must be keyspace.table' }))
  .min(1).max(MAX_TABLES);

/** POST /api/clusters/{name}/repairs: what to repair (absent: everything) and how (absent: the spec's mode). */
export const RepairRequestSchema = z.strictObject({
  keyspaces: keyspaceNames.min(1).max(SPEC_LIMITS.keyspaces + PER_DC_SYSTEM_KEYSPACES.length).optional()
    .describe('The spec\'s keyspaces and system_auth, system_distributed, system_traces; absent: every keyspace with replication.'),
  tables: tableNames.optional().describe('Tables as keyspace.table; absent: every table of each keyspace.'),
  mode: z.enum(REPAIR_MODES).optional().describe('Subrange full repair or incremental; absent: the spec\'s setting (full by default).'),
});

const nodeChange = z.object({ node: z.string(), dc: z.string(), rack: z.string() });
const settingChange = z.object({ path: z.string(), from: z.unknown(), to: z.unknown() });

export const ChangePlanSchema = z.object({
  cluster: z.string(), state: z.string(), specHash: z.string(),
  nodesAdded: z.array(nodeChange), nodesRemoved: z.array(nodeChange).describe('Newest first in each DC; decommissioned one at a time.'),
  datacentersAdded: z.array(z.string()), datacentersRemoved: z.array(z.string()),
  replication: z.array(z.object({ keyspace: z.string(), from: z.record(z.string(), z.number()).optional(), to: z.record(z.string(), z.number()) }))
    .describe('Keyspaces whose replication changes; without from: created.'),
  keyspacesUnmanaged: z.array(z.string()).describe('Left out of the spec: no longer managed, never dropped.'),
  rollingRestart: z.array(settingChange).describe('Settings a node reads at start: applied by a rolling restart.'),
  inPlace: z.array(settingChange).describe('Applied without touching a node.'),
  refused: z.array(z.object({ path: z.string(), reason: z.string() })).describe('What the product will not change, and why.'),
  notYetApplied: z.array(z.object({ path: z.string(), reason: z.string() })).describe('What PUT refuses because an update does not apply it yet.'),
  unchanged: z.boolean(),
});

export const UpdateAcceptedSchema = z.object({
  operationId: z.string(), clusterName: z.string(), statusUrl: z.string(),
  nodesAdded: z.array(nodeChange), nodesRemoved: z.array(nodeChange),
});

export const ApprovalRequestSchema = z.strictObject({
  reason: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional()
    .describe('Why: recorded on the operation with who answered.'),
});

export const RestartRequestSchema = z.strictObject({
  nodes: z.array(z.string().regex(/^[a-z0-9-]{1,63}$/, 'must be a node name of the cluster')).min(1).max(1000).optional()
    .describe('Nodes to restart, one at a time in this order; absent: every node, in join order.'),
});

export const RepairAcceptedSchema = z.object({
  operationId: z.string(),
  runId: z.string().describe('The same as operationId.'),
  cluster: z.string(),
  statusUrl: z.string().describe('GET it to follow the operation.'),
  repairUrl: z.string().describe('GET it to follow the run: segments, percent, ETA.'),
});

const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() });

export const RepairRunSummarySchema = z.object({
  runId: z.string(),
  state: z.enum(REPAIR_RUN_STATES).describe('Failed also when the record says otherwise but its operation failed.'),
  desired: z.enum(REPAIR_DESIRED).describe('What was last asked; the run acts on it at its next round.'),
  mode: z.enum(REPAIR_MODES),
  trigger: z.enum(['api', 'timer']),
  requestedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().optional(),
  segmentsDone: z.number().int().min(0),
  segmentsTotal: z.number().int().min(0).describe('0 while the run is planning.'),
  percent: z.number().int().min(0).max(100),
  pausedReason: z.string().optional(),
  error: ErrorInfoSchema.optional(),
});

export const RepairRunListSchema = z.object({
  cluster: z.string(),
  runs: z.array(RepairRunSummarySchema).describe('Newest first, at most 20.'),
});

const count = z.number().int().min(0);
const segmentRange = { keyspace: z.string(), node: z.string(), start: z.string(), end: z.string() };

export const RepairRunSchema = RepairRunSummarySchema.extend({
  cluster: z.string(),
  keyspaces: z.array(z.string()).optional(),
  tables: z.array(z.string()).optional(),
  settings: z.record(z.string(), z.unknown()).describe('The repair settings of the spec when the run started.'),
  segmentCounts: z.object({ pending: count, running: count, done: count, failed: count }).describe('Segments by status, as stored.'),
  running: z.array(z.object({ segmentId: z.string(), ...segmentRange, since: z.string() }))
    .describe('Segments being repaired now; tokens (start, end].'),
  etaSeconds: z.number().min(0).optional().describe('At the pace so far; absent until a segment finished.'),
  failures: z.array(z.object({ segmentId: z.string(), ...segmentRange, message: z.string(), at: z.string() }))
    .describe('The newest segment failures.'),
  nodeDownSince: z.string().optional(),
});

export const RepairLedgerSchema = z.object({
  cluster: z.string(),
  evaluatedAt: z.string(),
  tables: z.array(z.object({
    keyspace: z.string(), table: z.string(), gcGraceSeconds: z.number().int().min(0),
    lastCompleteRepairAt: z.string().nullable().describe('Null: never completely repaired (its age counts from the cluster\'s creation).'),
    ageSeconds: z.number().int().min(0),
    ratio: z.number().min(0).nullable().describe('Age over gc_grace_seconds; null when that is 0.'),
    status: z.enum(LEDGER_STATUSES)
      .describe('warning past 80 % of gc_grace_seconds, critical past it, unrepairable at gc_grace_seconds 0.'),
  })).describe('Most overdue first.'),
});

/** POST /backups: an empty body (or `{}`) backs up every keyspace. */
export const BackupRequestSchema = z.strictObject({});

const backupId = z.string().min(1).max(128).describe('A Complete backup of this cluster.');

/** POST /restores: a backup into a new cluster of the same topology. */
const NewClusterRestoreSchema = z.strictObject({
  backupId,
  inPlace: z.literal(false).optional().describe('Absent or false: into a new cluster.'),
  targetCluster: clusterName.describe('The new cluster\'s name; it must not exist.'),
  networks: z.record(z.string().max(16), dcNetwork).optional()
    .describe('Per DC, the new cluster\'s network; absent: the DC\'s own address space, in a VNet of the new cluster\'s.'),
});

/** POST /restores with inPlace: tables of a backup loaded back into this cluster (Admin), after a safety backup of them. */
const TableRestoreSchema = z.strictObject({
  backupId,
  inPlace: z.literal(true),
  tables: tableNames.optional().describe('Tables as keyspace.table; give these or keyspaces.'),
  keyspaces: keyspaceNames.min(1).max(SPEC_LIMITS.keyspaces).optional()
    .describe('Every table the backup holds of each; give these or tables.'),
  confirm: z.string().max(64).describe('Must repeat the cluster name: the tables are emptied before they are loaded.'),
}).superRefine((r, ctx) => {
  if (r.tables && r.keyspaces) ctx.addIssue({ code: 'custom', path: ['keyspaces'], message: 'give tables or keyspaces, not both' });
  if (!r.tables && !r.keyspaces) ctx.addIssue({ code: 'custom', path: ['tables'], message: 'give tables or keyspaces' });
});

/** POST /restores: into a new cluster, or (inPlace: true) chosen tables back into this one. */
export const RestoreRequestSchema = z.discriminatedUnion('inPlace', [NewClusterRestoreSchema, TableRestoreSchema]);

/** POST /drills: absent backupId drills the newest Complete backup. */
export const DrillRequestSchema = z.strictObject({
  backupId: backupId.optional().describe('Absent: the newest Complete backup of the whole cluster.'),
});

export const BackupAcceptedSchema = z.object({
  operationId: z.string(),
  backupId: z.string().describe('The same as operationId; also the snapshot tag on every node.'),
  cluster: z.string(),
  statusUrl: z.string().describe('GET it to follow the operation.'),
  backupUrl: z.string().describe('GET it for the backup: status, nodes, files and bytes.'),
});

export const RestoreAcceptedSchema = z.object({
  operationId: z.string().describe('The new cluster\'s RestoreCluster operation.'),
  restoreId: z.string().describe('The same as operationId.'),
  cluster: z.string().describe('The backed-up cluster.'),
  backupId: z.string(),
  targetCluster: z.string(),
  statusUrl: z.string().describe('GET it to follow the restore.'),
});

export const TableRestoreAcceptedSchema = z.object({
  operationId: z.string().describe('The cluster\'s RestoreTables operation.'),
  restoreId: z.string().describe('The same as operationId.'),
  cluster: z.string(),
  backupId: z.string(),
  tables: z.array(z.string()).describe('Every table restored, as keyspace.table.'),
  safetyBackupId: z.string().describe('The backup of those tables taken before they are emptied: `<restoreId>-safety`.'),
  statusUrl: z.string().describe('GET it to follow the restore.'),
});

export const DrillAcceptedSchema = z.object({
  operationId: z.string(),
  drillId: z.string().describe('The same as operationId.'),
  cluster: z.string(),
  backupId: z.string().describe('The backup drilled.'),
  targetCluster: z.string().describe('The throwaway cluster, deleted when the drill ends.'),
  statusUrl: z.string().describe('GET it to follow the drill.'),
});

const backupStats = z.object({ files: count, bytes: count, newFiles: count, newBytes: count });
const drillSummary = z.object({ drillId: z.string(), status: z.enum(DRILL_STATUSES), endedAt: z.string().optional(),
  rpoSeconds: z.number().optional(), rtoSeconds: z.number().optional() });

export const BackupSchema = z.object({
  backupId: z.string(), cluster: z.string(), status: z.enum(BACKUP_STATUSES), trigger: z.string(), requestedBy: z.string(),
  createdAt: z.string(), endedAt: z.string().optional(), durationMs: z.number().optional(),
  keyspaces: z.array(z.string()),
  tables: z.array(z.string()).optional().describe('Set on a safety backup before an in-place restore: the tables it was taken for.'),
  nodesTotal: count, nodesDone: z.array(z.string()), nodesMissing: z.array(z.string()),
  stats: backupStats.describe('Files and bytes of the backup; new*: uploaded by it, the rest referenced from earlier backups.'),
  nodeTimes: z.record(z.string(), z.object({ snapshotMs: count, transferMs: count })).optional()
    .describe('Per node, where its backup job spent its time: the snapshot, then checksums, plan and upload.'),
  restorable: z.boolean().describe('Complete with its manifest stored: offered for restores and drills.'),
  proven: z.boolean().describe('A restore drill of this backup succeeded.'),
  latestDrill: drillSummary.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const BackupListSchema = z.object({ cluster: z.string(), backups: z.array(BackupSchema).describe('Newest first.') });

export const DrillSchema = z.object({
  drillId: z.string(), cluster: z.string(), backupId: z.string(), targetCluster: z.string(), status: z.enum(DRILL_STATUSES),
  trigger: z.string(), startedAt: z.string(), endedAt: z.string().optional(),
  rtoSeconds: z.number().optional().describe('From the drill\'s start until the restored data was readable.'),
  rpoSeconds: z.number().optional().describe('The backup\'s age when the drill started.'),
  tablesChecked: count.optional(), rowsChecked: count.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const DrillListSchema = z.object({ cluster: z.string(), drills: z.array(DrillSchema).describe('Newest first.') });

const HealthFindingSchema = z.object({
  code: z.enum(FINDING_CODES).describe('Stable: alerts and operators key on it.'), severity: z.enum(FINDING_SEVERITIES),
  node: z.string().optional(), datacenter: z.string().optional(),
  table: z.string().optional().describe('keyspace.table, for a finding about one table.'),
  message: z.string(), action: z.string().describe('What an operator should do.'),
  since: z.string().describe('When it was first seen, carried across consecutive checks.'),
});

const NodeHealthSchema = z.object({
  node: z.string(), datacenter: z.string(), rack: z.string(), state: z.enum(['up', 'down', 'unknown']), powerState: z.string().optional(),
  diskUsedPercent: z.number().optional(), pendingCompactions: z.number().optional(), droppedMutations: z.number().optional(),
  hintFiles: z.number().optional(),
});

/** One recorded check: what GET /health answers for the latest and /health/history lists. */
const HealthCheckRecordSchema = z.object({
  cluster: z.string().optional().describe('Absent on history items (the page names the cluster).'),
  checkId: z.string(), trigger: z.enum(CHECK_TRIGGERS), status: z.enum(HEALTH_STATUSES), evaluatedAt: z.string(),
  deepProbe: z.boolean().describe('Whether the Run Command disk probe contributed.'),
  findings: z.array(HealthFindingSchema), nodes: z.array(NodeHealthSchema),
  views: z.record(z.string(), z.unknown()).describe('What the CQL, Azure and probe views saw, compactly.'),
});

export const HealthSchema = z.union([HealthCheckRecordSchema.required({ cluster: true }), z.object({
  cluster: z.string(), status: z.literal('Unknown'), evaluatedAt: z.null(), findings: z.array(HealthFindingSchema).length(0),
  nodes: z.array(NodeHealthSchema).length(0), message: z.string(),
}).describe('No check has run yet.')]);

export const HealthHistorySchema = z.object({
  cluster: z.string(), from: z.string(), to: z.string(), items: z.array(HealthCheckRecordSchema).describe('Newest first.'),
  continuationToken: z.string().optional(), nextLink: z.string().optional().describe('GET it for the next page.'),
});

export const HealthCheckAcceptedSchema = z.object({
  operationId: z.string().describe('The check id.'), cluster: z.string(), status: z.literal('Running'),
  statusQueryUri: z.string().describe('GET it to follow the check (also the Location header).'),
});

export const HealthCheckStatusSchema = z.object({
  operationId: z.string(), cluster: z.string(), status: z.enum(['Running', 'Succeeded', 'Failed']),
  progress: z.record(z.string(), z.unknown()).nullable().describe('The phase it is in: load, views, liveness, deep-probe, done.'),
  result: z.record(z.string(), z.unknown()).nullable().describe('Once Succeeded: the status found and how many findings.'),
});

export const RemediationListSchema = z.object({
  cluster: z.string(),
  decisions: z.array(z.object({
    id: z.string(), checkId: z.string().describe('The check whose health change it answered.'), at: z.string(),
    status: z.string().describe('The health status the change went to.'), node: z.string().optional(),
    action: z.enum(['restartCassandra', 'startVm', 'replaceNode', 'none']), decision: z.enum(['taken', 'declined', 'nothing-to-do']),
    reason: z.string(), operationId: z.string().optional().describe('What a taken decision started.'),
  })).describe('Newest first, the last 100.'),
});

export const AlertAcceptedSchema = z.object({
  accepted: z.literal(true), alertId: z.string(), monitorCondition: z.enum(['Fired', 'Resolved']),
});
