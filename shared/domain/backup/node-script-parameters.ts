import { MAX_BLOCKS, MIB, MIN_BLOCK_BYTES, SINGLE_PUT_MAX_BYTES } from './plan-block-size.js';

/**
 * What each node script is told, as its Run Command parameters: the visible ones, each checked
 * so nothing in it can be read as shell or reach another URL, and the SAS alone as a protected
 * one. Pure: the activity that starts a job builds them, the node agent sends them.
 */

/** What a backup script on one node needs; the SAS travels apart from it. */
export interface NodeBackupRequest {
  backupId: string;
  /** The cluster's backup container, without a query (UploadSas.containerUrl). */
  containerUrl: string;
  /** Keyspaces snapshotted (and cleared): the user keyspaces and the schema-bearing system ones. */
  keyspaces: string[];
  /** The spec's `schedules.snapshot.uploadMBps` (0: no cap). */
  limitMBps: number;
  /** Where the snapshot script puts its inventory (inventoryBlobName). */
  inventoryBlob: string;
  /** Where the upload script reads its plan (uploadPlanBlobName). */
  planBlob: string;
  /** Where the backup script reads the app's listing of the node's stored blobs (storedListingBlobName). */
  storedBlob: string;
  /** The node's data blobs' prefix (nodeDataPrefix), under which the backup script names content addresses. */
  dataPrefix: string;
}

const ID = /^[A-Za-z0-9_.:-]{1,80}$/;
const KEYSPACE = /^[A-Za-z0-9_]{1,48}$/;
const BLOB = /^[A-Za-z0-9_.:/-]{1,1024}$/;

/** The Run Command parameters of a script: visible ones, and the SAS alone as a protected one. */
export interface ScriptParameters {
  parameters: Record<string, string>;
  protectedParameters: Record<string, string>;
}

/**
 * The Run Command parameters of the backup scripts: `parameters` are visible in the run command's
 * resource; `protectedParameters` holds only the SAS. Send them as a managed run command's
 * `protectedParameters` (the action form has none); never log or return the result of this call.
 * Every visible value is checked so nothing in it can be read as shell or reach another URL.
 * @throws RangeError naming the value that does not fit.
 */
export function backupScriptParameters(request: NodeBackupRequest, sasQuery: string): ScriptParameters {
  if (request.keyspaces.length === 0) throw new RangeError('a backup names at least one keyspace');
  return {
    parameters: { BACKUP_ID: checked(request.backupId, ID, 'backup id'), CONTAINER_URL: checkedContainerUrl(request.containerUrl),
      KEYSPACES: request.keyspaces.map((k) => checked(k, KEYSPACE, 'keyspace')).join(','), LIMIT_MBPS: checkedLimit(request.limitMBps),
      INVENTORY_BLOB: checked(request.inventoryBlob, BLOB, 'blob name'), PLAN_BLOB: checked(request.planBlob, BLOB, 'blob name'),
      STORED_BLOB: checked(request.storedBlob, BLOB, 'blob name'), NODE_PREFIX: checked(request.dataPrefix, BLOB, 'blob prefix'),
      // planBlockSize's rule, so the node sends each file as the app would have planned it.
      SINGLE_PUT_MAX_MIB: String(SINGLE_PUT_MAX_BYTES / MIB), MIN_BLOCK_MIB: String(MIN_BLOCK_BYTES / MIB), MAX_BLOCKS: String(MAX_BLOCKS) },
    protectedParameters: { SAS: checkedSas(sasQuery) },
  };
}

/** What the restore script on one node needs; the SAS (read on the container) travels apart from it. */
export interface NodeRestoreRequest {
  restoreId: string;
  /** The backup's container, without a query (UploadSas.containerUrl). */
  containerUrl: string;
  /** Where the restore script reads its plan (renderRestorePlan). */
  planBlob: string;
  /** Download cap in MiB/s (0 or absent: no cap). */
  limitMBps?: number;
}

/**
 * The Run Command parameters of the restore script, checked and split as backupScriptParameters'.
 * @throws RangeError naming the value that does not fit.
 */
export function restoreScriptParameters(request: NodeRestoreRequest, sasQuery: string): ScriptParameters {
  return {
    parameters: { RESTORE_ID: checked(request.restoreId, ID, 'restore id'), CONTAINER_URL: checkedContainerUrl(request.containerUrl),
      PLAN_BLOB: checked(request.planBlob, BLOB, 'blob name'), LIMIT_MBPS: checkedLimit(request.limitMBps ?? 0) },
    protectedParameters: { SAS: checkedSas(sasQuery) },
  };
}

function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new RangeError(`${what} '${value}' is not valid in a node script`);
  return value;
}

function checkedContainerUrl(url: string): string {
  if (/^https?:\/\/[A-Za-z0-9.:-]+\/[A-Za-z0-9/-]+$/.test(url)) return url;
  throw new RangeError(`container URL '${url}' is not a plain container URL`);
}

function checkedLimit(limitMBps: number): string {
  if (!Number.isInteger(limitMBps) || limitMBps < 0) throw new RangeError(`bandwidth cap ${limitMBps} is not MiB/s`);
  return String(limitMBps);
}

function checkedSas(sasQuery: string): string {
  if (sasQuery.length > 0 && !/[\s"'\\]/.test(sasQuery)) return sasQuery;
  throw new RangeError('the SAS query is empty or holds characters a SAS never does');
}

const DATACENTER = /^[A-Za-z0-9_-]{1,16}$/;

/** The rebuild script's one parameter, the datacenter it streams from (a spec's DC name: checked, never shell). */
export function rebuildScriptParameters(sourceDc: string): Record<string, string> {
  if (!DATACENTER.test(sourceDc)) throw new RangeError(`sourceDc '${sourceDc}' is not a datacenter name`);
  return { SOURCE_DC: sourceDc };
}
