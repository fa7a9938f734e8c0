import { z } from 'zod';
import { ClusterSpecSchema } from '../domain/spec/cluster-spec-schema.js';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency-key.js';
import { AcceptedSchema, ApprovalRequestSchema, BackupAcceptedSchema, ChangePlanSchema, UpdateAcceptedSchema, BackupListSchema, BackupRequestSchema, BackupSchema, ClusterDetailSchema, ClusterListSchema,
  DrillAcceptedSchema, DrillListSchema, DrillRequestSchema, ErrorBodySchema, LeaseBreakSchema, OperationListSchema, OperationSchema, RepairAcceptedSchema,
  RepairLedgerSchema, RepairRequestSchema, RepairRunListSchema, RepairRunSchema, RestartRequestSchema, RestoreAcceptedSchema, RestoreRequestSchema,
  TableRestoreAcceptedSchema, HealthSchema, HealthHistorySchema, HealthCheckAcceptedSchema, HealthCheckStatusSchema, RemediationListSchema,
  AlertAcceptedSchema } from './api-schemas.js';
import { CommonAlertSchema } from '../domain/health/common-alert-schema.js';
import { RUN_CONTROLS } from '../domain/repair/decide-run-control.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) } });
const error = (description: string) => ({ description, content: json(ErrorBodySchema) });
const keyed = [{ functionKey: [] }];
const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const runIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' },
  description: 'The run\'s id (its operation\'s).' };
const CONTROL_SUMMARIES = { pause: 'Pause the run at its next round.', resume: 'Resume a paused run.',
  cancel: 'Cancel the run at its next round (final).' };
const runNotFound = error('No such cluster, or no such run of it.');
const backupIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The backup\'s id (its operation\'s).' };
const bodyErrors = { 413: error('Body over 256 KiB.'), 415: error('Not application/json.') };

const refused = {
  401: { description: 'Missing or wrong function key (or, on Azure, no valid Entra ID token).' },
  403: error('The caller lacks the role the route needs: Reader for reads, Operator to deploy, repair, check, back up and restore, '
    + 'Admin to delete, break a lease or restore in place.'),
};

/** Every operation that needs a key also answers 401 without it and 403 without its role. */
type Operation = { security?: unknown[]; responses: Record<string, unknown>; [field: string]: unknown };
function withRefusals(paths: Record<string, Record<string, Operation>>): Record<string, Record<string, Operation>> {
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (operation.security?.length !== 0) operation.responses = { ...refused, ...operation.responses };
    }
  }
  return paths;
}

/**
 * The API as OpenAPI 3.1, generated from the same zod schemas the handlers validate with (the
 * request body is the cluster spec schema itself). Every route but this one needs a function key
 * and, but for the alerts webhook, a role (HTTP_ACCESS); on Azure also an Entra ID token.
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Cassandra Autopilot for Azure', version: '0.1.0', description: 'Deploys Apache Cassandra clusters onto Azure VMs and keeps them healthy.' },
    servers: [{ url: '/api' }],
    components: { securitySchemes: {
      functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key', description: 'A function key (or `?code=` in the query).' },
      entraId: { type: 'http', scheme: 'bearer', description: 'On Azure: an Entra ID access token for the app registration, '
        + 'carrying one of its app roles (Reader, Operator, Admin). Locally the key\'s name stands for the caller and its roles.' } } },
    security: keyed,
    paths: withRefusals({
      '/clusters': {
        post: { operationId: 'createCluster', summary: 'Validate a spec, record the cluster and start its deployment.',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false,
            schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN },
            description: 'Retries with the same key return the same operation (a failed one resumes).' }],
          requestBody: { required: true, content: json(ClusterSpecSchema, 'input') },
          responses: { 202: { description: 'Deployment started.', content: json(AcceptedSchema) }, 400: error('Malformed JSON or an invalid spec (every issue with its JSON path).'),
            409: error('The cluster exists, or another operation holds its lease.'),
            413: error('Body over 256 KiB.'), 415: error('No Content-Type, or not application/json.'), 422: error('Idempotency-Key reused with another body.') } },
        get: { operationId: 'listClusters', summary: 'List clusters.', responses: { 200: { description: 'Clusters.', content: json(ClusterListSchema) } } },
      },
      '/clusters/{name}': {
        get: { operationId: 'getCluster', summary: 'A cluster: spec, plan and nodes with their state.', parameters: [nameParam],
          responses: { 200: { description: 'The cluster.', content: json(ClusterDetailSchema) }, 404: error('No such cluster.') } },
        put: { operationId: 'updateCluster', summary: 'Change a running cluster to a full spec: scale out and in, keyspace replication, NSG rules, tags, schedules.',
          description: 'Needs If-Match with the ETag of GET (or *). New nodes are created in parallel and bootstrapped one at a time, then '
            + 'the nodes that gave ranges are cleaned up one at a time; removed nodes are decommissioned one at a time, then their VM, NIC '
            + 'and disks deleted. POST /clusters/{name}/plan previews the same change.',
          parameters: [nameParam, { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The cluster\'s ETag, or *.' }],
          requestBody: { required: true, content: json(ClusterSpecSchema, 'input') },
          responses: { 200: { description: 'Nothing to change: the cluster already has this spec.' },
            202: { description: 'Update started.', content: json(UpdateAcceptedSchema) },
            400: error('Malformed JSON or an invalid spec (every issue with its JSON path).'), 404: error('No such cluster.'),
            409: error('A change the cluster cannot make (each at its JSON path), not Ready, or another operation holds the cluster.'),
            412: error('The spec changed since the ETag was read.'), 428: error('If-Match is missing.') } },
        delete: { operationId: 'deleteCluster', summary: 'Delete a cluster and every resource it owns.',
          parameters: [nameParam, { name: 'confirm', in: 'query', required: true, schema: { type: 'string' }, description: 'Must repeat the cluster name.' }],
          responses: { 202: { description: 'Deletion started.', content: json(AcceptedSchema) }, 400: error('confirm missing or different.'),
            404: error('No such cluster.'), 409: error('Another operation holds the lease.') } },
      },
      '/clusters/{name}/operations': {
        get: { operationId: 'listClusterOperations', summary: 'The cluster\'s operations, newest first, whoever started them.',
          parameters: [nameParam, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }],
          responses: { 200: { description: 'Operations.', content: json(OperationListSchema) }, 400: error('limit is not a whole number from 1 to 200.'),
            404: error('No such cluster.') } },
      },
      '/clusters/{name}/plan': {
        post: { operationId: 'planClusterChange', summary: 'What applying a spec to the running cluster would do; changes nothing.',
          parameters: [nameParam], requestBody: { required: true, content: json(ClusterSpecSchema, 'input') },
          responses: { 200: { description: 'The change, with what is refused and why.', content: json(ChangePlanSchema) },
            400: error('Malformed JSON or an invalid spec (every issue with its JSON path).'), 404: error('No such cluster.') } },
      },
      '/clusters/{name}/restart': {
        post: { operationId: 'restartCluster', summary: 'Rolling restart: drain, stop, start, and wait until the node is back, one node at a time.',
          description: 'Starts only when the other nodes are up; stops at the first node that is not back in time.',
          parameters: [nameParam], requestBody: { required: false, content: json(RestartRequestSchema, 'input') },
          responses: { 202: { description: 'Restart started.', content: json(AcceptedSchema) }, 400: error('A bad field, named.'),
            404: error('No such cluster, or node.'), 409: error('Not Ready, or another operation holds the cluster.') } },
      },
      '/clusters/{name}/nodes/{node}/restart': {
        post: { operationId: 'restartNode', summary: 'Restart one node (drain, stop, start, wait until it is back).',
          parameters: [nameParam, { name: 'node', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 202: { description: 'Restart started.', content: json(AcceptedSchema) }, 404: error('No such cluster, or node.'),
            409: error('Not Ready, or another operation holds the cluster.') } },
      },
      '/clusters/{name}/lease/break': {
        post: { operationId: 'breakClusterLease', summary: 'Remove every hold on the cluster\'s lease, recording who broke it (Admin).',
          description: 'A holder still running stops at its next step (CASSOPS_LEASE_LOST).',
          parameters: [nameParam, { name: 'confirm', in: 'query', required: true, schema: { type: 'string' }, description: 'Must repeat the cluster name.' }],
          responses: { 200: { description: 'The holds removed.', content: json(LeaseBreakSchema) }, 400: error('confirm missing or different.'),
            404: error('No such cluster.') } },
      },
      '/clusters/{name}/repairs': {
        post: { operationId: 'startRepair', summary: 'Start a repair run: subrange repair of the named keyspaces and tables, or of everything.',
          parameters: [nameParam], requestBody: { required: false, content: json(RepairRequestSchema, 'input') },
          responses: { 202: { description: 'Run started.', content: json(RepairAcceptedSchema) },
            400: error('Malformed JSON, or a bad field or unknown keyspace (each at its JSON path).'), 404: error('No such cluster.'),
            409: error('The cluster is not Ready, or a repair or topology change holds it.'), 413: error('Body over 256 KiB.'),
            415: error('Not application/json.') } },
        get: { operationId: 'listRepairs', summary: 'The cluster\'s repair runs, newest first.', parameters: [nameParam],
          responses: { 200: { description: 'Runs.', content: json(RepairRunListSchema) }, 404: error('No such cluster.') } },
      },
      '/clusters/{name}/repairs/ledger': {
        get: { operationId: 'getRepairLedger', summary: 'Each table\'s last complete repair against its gc_grace_seconds.',
          parameters: [nameParam], responses: { 200: { description: 'The ledger, most overdue first.', content: json(RepairLedgerSchema) },
            404: error('No such cluster.') } },
      },
      '/clusters/{name}/repairs/{id}': {
        get: { operationId: 'getRepair', summary: 'A run: state, progress, running segments, ETA, failures.',
          parameters: [nameParam, runIdParam], responses: { 200: { description: 'The run.', content: json(RepairRunSchema) },
            400: error('Malformed run id.'), 404: runNotFound } },
      },
      ...Object.fromEntries(RUN_CONTROLS.map((control) => [`/clusters/{name}/repairs/{id}/${control}`, {
        post: { operationId: `${control}Repair`, summary: CONTROL_SUMMARIES[control], parameters: [nameParam, runIdParam],
          responses: { 200: { description: 'The run, with what was asked in desired.', content: json(RepairRunSchema) },
            400: error('Malformed run id.'), 404: runNotFound, 409: error('The run has ended or is being cancelled.') } },
      }])),
      '/clusters/{name}/backups': {
        post: { operationId: 'startBackup', summary: 'Back up every keyspace: a snapshot on each node that is up, the new files uploaded, the manifest last.',
          description: 'A node down is left out and the backup ends Partial, never offered for a restore.',
          parameters: [nameParam], requestBody: { required: false, content: json(BackupRequestSchema, 'input') },
          responses: { 202: { description: 'Backup started.', content: json(BackupAcceptedSchema) }, 400: error('Malformed JSON, or any field (none is taken).'),
            404: error('No such cluster.'), 409: error('The cluster is not Ready, or a backup or topology change holds it.'), ...bodyErrors } },
        get: { operationId: 'listBackups', summary: 'The cluster\'s newest 50 backups, newest first.', parameters: [nameParam],
          responses: { 200: { description: 'Backups.', content: json(BackupListSchema) }, 404: error('No such cluster.') } },
      },
      '/clusters/{name}/backups/{id}': {
        get: { operationId: 'getBackup', summary: 'A backup: status, nodes done and left out, files and bytes (uploaded and referenced), the latest drill of it.',
          parameters: [nameParam, backupIdParam], responses: { 200: { description: 'The backup.', content: json(BackupSchema) },
            404: error('No such cluster, or no such backup of it.') } },
      },
      '/clusters/{name}/restores': {
        post: { operationId: 'startRestore', summary: 'Restore a Complete backup into a new cluster with the same racks and the backup\'s tokens, '
          + 'or (inPlace) chosen tables of it back into this cluster.',
          description: 'In place (Admin only): a safety backup of the tables, then each emptied and loaded from the backup; '
            + 'every node must be up and still hold the tokens the backup recorded.',
          parameters: [nameParam], requestBody: { required: true, content: json(RestoreRequestSchema, 'input') },
          responses: { 202: { description: 'The new cluster\'s restore, or the in-place restore, started.',
            content: json(z.union([RestoreAcceptedSchema, TableRestoreAcceptedSchema])) },
            400: error('Malformed JSON, a bad field, a network for a DC the backup does not have, a spec the new name or networks make invalid, '
              + 'a table or keyspace the backup does not hold, or confirm not repeating the cluster name.'),
            404: error('No such cluster, or no such backup of it.'),
            409: error('The backup is not Complete, the new cluster\'s racks do not fit it, the target cluster exists; in place: '
              + 'the cluster is not Ready, or a restore, repair or topology change holds it.'), ...bodyErrors } },
      },
      '/clusters/{name}/drills': {
        post: { operationId: 'startDrill', summary: 'Restore a backup (the newest Complete one by default) into a throwaway cluster, check it over CQL, delete it.',
          parameters: [nameParam], requestBody: { required: false, content: json(DrillRequestSchema, 'input') },
          responses: { 202: { description: 'Drill started.', content: json(DrillAcceptedSchema) }, 400: error('Malformed JSON, or a bad field.'),
            404: error('No such cluster, no such backup, or no Complete backup to drill.'), 409: error('The backup is not Complete, or a drill is running.'),
            ...bodyErrors } },
        get: { operationId: 'listDrills', summary: 'The cluster\'s newest 50 restore drills, newest first, with their RPO and RTO.', parameters: [nameParam],
          responses: { 200: { description: 'Drills.', content: json(DrillListSchema) }, 404: error('No such cluster.') } },
      },
      '/operations/{id}': {
        get: { operationId: 'getOperation', summary: 'An operation: status, steps with progress, timings, error.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The operation.', content: json(OperationSchema) }, 404: error('No such operation.') } },
      },
      ...Object.fromEntries((['approve', 'reject'] as const).map((verb) => [`/operations/{id}/${verb}`, {
        post: { operationId: `${verb}Operation`, summary: verb === 'approve' ? 'Let an operation awaiting approval run.' : 'End an operation awaiting approval, changing nothing.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { required: false, content: json(ApprovalRequestSchema, 'input') },
          responses: { 202: { description: 'Answered; the operation records who, when and why.' }, 400: error('A bad reason, named.'), 404: error('No such operation.'),
            409: error('The operation is not awaiting approval.') } },
      }])),
      '/clusters/{name}/health': {
        get: { operationId: 'getClusterHealth', summary: 'The latest check: status, findings (each with since and what to do), each node.',
          parameters: [nameParam], responses: { 200: { description: 'The latest check, or Unknown before the first.', content: json(HealthSchema) },
            404: error('No such cluster.') } },
      },
      '/clusters/{name}/health/history': {
        get: { operationId: 'getClusterHealthHistory', summary: 'Checks newest first, a page at a time (the last 24 hours by default).',
          parameters: [nameParam,
            { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'Default: a day before to.' },
            { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'Default: now.' },
            { name: 'pageSize', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
            { name: 'continuationToken', in: 'query', required: false, schema: { type: 'string' }, description: 'From the previous page.' }],
          responses: { 200: { description: 'A page of checks.', content: json(HealthHistorySchema) },
            400: error('A bad date, from after to, a span over 31 days, or a token not issued here (the parameter named).'),
            404: error('No such cluster.') } },
      },
      '/clusters/{name}/health/check': {
        post: { operationId: 'checkClusterHealthNow', summary: 'Check the cluster now.', parameters: [nameParam],
          responses: { 202: { description: 'Check started.', content: json(HealthCheckAcceptedSchema) }, 400: error('The cluster is not Ready.'),
            404: error('No such cluster.') } },
      },
      '/clusters/{name}/health/checks/{checkId}': {
        get: { operationId: 'getClusterHealthCheck', summary: 'One check: its phase while it runs, what it found once done.',
          parameters: [nameParam, { name: 'checkId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The check.', content: json(HealthCheckStatusSchema) },
            404: error('No such cluster, or no such check of it.') } },
      },
      '/clusters/{name}/remediations': {
        get: { operationId: 'listRemediations', summary: 'What the autopilot decided on each health change, and why.', parameters: [nameParam],
          responses: { 200: { description: 'Decisions.', content: json(RemediationListSchema) }, 404: error('No such cluster.') } },
      },
      '/alerts': {
        post: { operationId: 'receiveAlert', summary: 'The Azure Monitor Action Group webhook: queue an alert; a worker checks the cluster it names.',
          description: 'Needs this function\'s own key and no role.', requestBody: { required: true, content: json(CommonAlertSchema, 'input') },
          responses: { 202: { description: 'Queued.', content: json(AlertAcceptedSchema) },
            400: error('Malformed JSON, or not the common alert schema (every issue with its JSON path).'), ...bodyErrors } },
      },
      '/clusters/{name}/nodes/{node}/replace': {
        post: { operationId: 'replaceNode', summary: 'Replace a dead node at its address: a new VM streams its ranges and joins.',
          parameters: [nameParam, { name: 'node', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 202: { description: 'Replacement started.', content: json(AcceptedSchema) }, 404: error('No such cluster, or node.'),
            409: error('The node is up (CASSOPS_NODE_ALIVE), the cluster is not Ready, or another operation holds it.') } },
      },
      '/openapi.json': { get: { operationId: 'getOpenApi', summary: 'This document.', security: [], responses: { 200: { description: 'OpenAPI 3.1.' } } } },
      '/console': { get: { operationId: 'getConsole', summary: 'The web console\'s page; it calls this API with the caller\'s own key or token.', security: [],
        responses: { 200: { description: 'The page.', content: { 'text/html': {} } } } } },
      '/console/{file}': {
        get: { operationId: 'getConsoleFile', summary: 'A script or style sheet of the web console.', security: [],
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The file.', content: { 'text/javascript': {}, 'text/css': {} } }, 404: error('The console has no such file.') } },
      },
    }),
  };
}
