/**
 * The one catalog of product error codes: message, whether a retry can help, and HTTP status.
 *
 * Invariants: codes are stable strings `CASSOPS_<AREA>_<REASON>`; a retired code is never reused
 * (list it in RETIRED_CODES instead of deleting it); docs/api.md's error table is checked against
 * this catalog by test/unit/errors/error-codes.test.ts.
 */
export const ERROR_CODES = {
  CASSOPS_REQUEST_MALFORMED_JSON: { status: 400, retryable: false, message: 'The request body is not valid JSON.' },
  CASSOPS_REQUEST_INVALID: { status: 400, retryable: false, message: 'The request does not match the expected shape.' },
  CASSOPS_REQUEST_TOO_LARGE: { status: 413, retryable: false, message: 'The request body is larger than the limit.' },
  CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, message: 'The request body must be application/json.' },
  CASSOPS_FORBIDDEN: { status: 403, retryable: false, message: 'The caller does not hold the role this request needs.' },
  CASSOPS_SPEC_INVALID: { status: 400, retryable: false, message: 'The cluster spec is invalid.' },
  CASSOPS_CONFIRM_MISMATCH: { status: 400, retryable: false, message: 'The confirm parameter must repeat the cluster name.' },
  CASSOPS_CLUSTER_NOT_FOUND: { status: 404, retryable: false, message: 'No cluster has that name.' },
  CASSOPS_OPERATION_NOT_FOUND: { status: 404, retryable: false, message: 'No operation has that id.' },
  CASSOPS_CLUSTER_EXISTS: { status: 409, retryable: false, message: 'A cluster with that name already exists.' },
  CASSOPS_PRECONDITION_REQUIRED: { status: 428, retryable: false,
    message: 'The request must carry If-Match with the cluster\'s ETag (from GET /api/clusters/{name}), or * to change whatever spec it holds.' },
  CASSOPS_PRECONDITION_FAILED: { status: 412, retryable: false, message: 'The cluster\'s spec changed since its ETag was read; read it again.' },
  CASSOPS_CHANGE_REFUSED: { status: 409, retryable: false, message: 'The spec changes what a running cluster cannot change.' },
  CASSOPS_APPROVAL_REJECTED: { status: 409, retryable: false, message: 'The operation\'s proposal was rejected; nothing was changed.' },
  CASSOPS_APPROVAL_TIMED_OUT: { status: 409, retryable: false, message: 'Nobody approved the operation\'s proposal in time; nothing was changed.' },
  CASSOPS_OPERATION_NOT_AWAITING_APPROVAL: { status: 409, retryable: false, message: 'The operation is not waiting for an approval.' },
  CASSOPS_NODE_ALIVE: { status: 409, retryable: false, message: 'The node is up: only a dead node is replaced (restart a misbehaving one instead).' },
  CASSOPS_CLUSTER_BUSY: { status: 409, retryable: true, message: 'Another operation is running on this cluster.' },
  CASSOPS_OPERATION_ABANDONED: { status: 500, retryable: false, message: 'The operation ended without finishing; a later request took over its lease.' },
  CASSOPS_LEASE_LOST: { status: 409, retryable: false, message: 'The operation lost its cluster\'s lease (broken by an admin or taken over) and stopped.' },
  CASSOPS_IDEMPOTENCY_KEY_REUSED: { status: 422, retryable: false, message: 'The Idempotency-Key was already used for a different request.' },
  CASSOPS_STATE_CONFLICT: { status: 409, retryable: true, message: 'The record changed while it was being written.' },
  CASSOPS_ARM_THROTTLED: { status: 429, retryable: true, message: 'Azure Resource Manager throttled the request.' },
  CASSOPS_ARM_TRANSIENT: { status: 503, retryable: true, message: 'Azure Resource Manager failed transiently.' },
  CASSOPS_ARM_FAILED: { status: 502, retryable: false, message: 'Azure Resource Manager refused the operation.' },
  CASSOPS_RESOURCE_GROUP_NOT_OWNED: { status: 409, retryable: false,
    message: 'The resource group exists and was not created for this cluster.' },
  CASSOPS_RUN_COMMAND_CONFLICT: { status: 409, retryable: true, message: 'Another Run Command is in progress on the VM.' },
  CASSOPS_NODE_SCRIPT_FAILED: { status: 502, retryable: false, message: 'A node script reported a failure.' },
  CASSOPS_NODE_JOIN_TIMEOUT: { status: 504, retryable: false, message: 'The node did not become UN with schema agreement in time.' },
  CASSOPS_CQL_UNAVAILABLE: { status: 503, retryable: true, message: 'Cassandra did not answer over CQL.' },
  CASSOPS_CQL_FAILED: { status: 502, retryable: false, message: 'A CQL statement failed.' },
  CASSOPS_SMOKE_TEST_FAILED: { status: 502, retryable: false, message: 'The cross-DC smoke test did not read back what it wrote.' },
  CASSOPS_REPAIR_NOT_FOUND: { status: 404, retryable: false, message: 'The cluster has no repair run with that id.' },
  CASSOPS_REPAIR_NOT_ACTIVE: { status: 409, retryable: false, message: 'The repair run has ended; it can no longer be paused, resumed or cancelled.' },
  CASSOPS_CLUSTER_UNHEALTHY: { status: 409, retryable: true, message: 'The cluster is not healthy enough for the operation (a node down, or schema disagreement).' },
  CASSOPS_REPAIR_SEGMENT_FAILED: { status: 502, retryable: false, message: 'A repair segment kept failing.' },
  CASSOPS_REPAIR_NODE_DOWN: { status: 503, retryable: false, message: 'A node stayed down longer than the repair run waits for it.' },
  CASSOPS_REPAIR_CANCELLED: { status: 409, retryable: false, message: 'The repair run was cancelled on request.' },
  CASSOPS_BACKUP_NOT_FOUND: { status: 404, retryable: false, message: 'The cluster has no backup with that id.' },
  CASSOPS_DRILL_NOT_FOUND: { status: 404, retryable: false, message: 'The cluster has no restore drill with that id.' },
  CASSOPS_CONSOLE_FILE_NOT_FOUND: { status: 404, retryable: false, message: 'The web console has no file of that name.' },
  CASSOPS_BACKUP_MANIFEST_INVALID: { status: 502, retryable: false, message: 'The backup manifest in Blob storage is missing fields or malformed.' },
  CASSOPS_BACKUP_NOT_RESTORABLE: { status: 409, retryable: false, message: 'The backup is not complete, so it is never restored.' },
  CASSOPS_RESTORE_TOPOLOGY_MISMATCH: { status: 409, retryable: false,
    message: 'The target cluster\'s racks do not hold as many nodes as the backup\'s, '
      + 'or (in place) a node no longer holds the tokens the backup recorded.' },
  CASSOPS_RESTORE_FILE_INVALID: { status: 502, retryable: false, message: 'A backed-up file is missing or does not match its checksum.' },
  CASSOPS_DRILL_CHECK_FAILED: { status: 502, retryable: false, message: 'The restored cluster did not hold what the backup recorded.' },
  CASSOPS_RESTORE_SCHEMA_CONFLICT: { status: 409, retryable: false, message: 'A table the restore would create exists with another table id.' },
  CASSOPS_TLS_CA_MISSING: { status: 500, retryable: false, message: 'The cluster has no certificate authority to sign its nodes\' certificates.' },
  CASSOPS_SECRET_STORE_FAILED: { status: 500, retryable: true, message: 'The secret store could not be read or written.' },
  CASSOPS_CONFIG_INVALID: { status: 500, retryable: false, message: 'The app settings are incomplete or invalid.' },
  CASSOPS_INTERNAL: { status: 500, retryable: false, message: 'An unexpected error occurred.' },
} as const satisfies Record<string, { status: number; retryable: boolean; message: string }>;

/** Codes that were once issued and must never be given a new meaning. */
export const RETIRED_CODES: readonly string[] = [];

export type ErrorCode = keyof typeof ERROR_CODES;

/** True when `value` is a code in the catalog. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
