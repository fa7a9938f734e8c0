import type { NodeJobInput } from '../contracts/backup-io.js';
import { nodeJobName } from '../domain/backup/node-job-names.js';
import { inventoryBlobName, nodeDataPrefix, restorePlanBlobName, storedListingBlobName, uploadPlanBlobName } from '../domain/backup/backup-blob-layout.js';
import type { NodeJob, NodeJobStatus } from '../domain/ports/node-agent-port.js';
import type { UploadSas } from '../domain/ports/blob-store.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { ClusterRecord } from '../domain/state/state-records.js';
import type { ActivityDeps } from './activity-deps.js';
import { requireBackup } from '../domain/backup/read-backup.js';
import { backupScriptParameters, rebuildScriptParameters, restoreScriptParameters } from '../domain/backup/node-script-parameters.js';
import { requireCluster, requireNode } from './cluster-lookup.js';

/** How long a node's credential lives: a day covers the largest upload at the default cap, and it is re-issued per job. */
const NODE_SAS_LIFETIME_MS = 24 * 3_600_000;

/**
 * Node jobs: backup, restore and topology scripts that run longer than an activity may wait. The
 * orchestration starts one, reads it until it ends and deletes it. A backup or restore job's
 * credential is issued here, per start, scoped to the cluster's backup container, and handed to
 * the node agent as a protected parameter, so it never enters the orchestration's history; a
 * cleanup or decommission gets none.
 */
export function createNodeJobActivities(deps: ActivityDeps) {
  return {
    /** Starts the job unless it already runs or succeeded; a job that failed before is removed and started again. */
    startNodeJob: async (input: NodeJobInput): Promise<NodeJobStatus> => {
      const cluster = await requireCluster(deps, input.clusterName);
      const node = jobNode(cluster, input);
      const { job, secret } = await jobOf(deps, cluster, input);
      const current = await deps.agent.readNodeJob(node, job);
      if (current.state === 'Running' || current.state === 'Succeeded') return current;
      if (current.state === 'Failed') await deps.agent.deleteNodeJob(node, job.name);
      return deps.agent.startNodeJob(node, job, secret);
    },
    readNodeJob: async (input: NodeJobInput): Promise<NodeJobStatus> => {
      const cluster = await requireCluster(deps, input.clusterName);
      return deps.agent.readNodeJob(jobNode(cluster, input), { name: jobName(input), script: input.job.script });
    },
    deleteNodeJob: async (input: NodeJobInput): Promise<void> => {
      const cluster = await requireCluster(deps, input.clusterName);
      await deps.agent.deleteNodeJob(jobNode(cluster, input), jobName(input));
    },
  };
}

/** The machine the job runs on: the one the input names, else the cluster's planned node. */
function jobNode(cluster: ClusterRecord, input: NodeJobInput) {
  return input.machine ?? requireNode(cluster, input.node);
}

/** Named after the id of what asked for it: a replayed start finds the job it started. */
function jobName({ job }: NodeJobInput): string {
  if ('operationId' in job) return nodeJobName(job.script, job.operationId);
  return nodeJobName(job.script, job.script === 'restoreFiles' ? job.restoreId : job.backupId);
}

/**
 * The script's parameters and its credential: upload rights on the cluster's own container, read
 * rights on the source's for a restore, none for a topology job (its scripts take no parameters).
 */
async function jobOf(deps: ActivityDeps, cluster: ClusterRecord, input: NodeJobInput): Promise<{ job: NodeJob; secret?: UploadSas }> {
  const request = input.job;
  const name = jobName(input);
  if (request.script === 'rebuildNode') return { job: { name, script: request.script, parameters: rebuildScriptParameters(request.sourceDc) } };
  if (request.script === 'decommissionNode' && request.force) return { job: { name, script: request.script, parameters: { FORCE: 'yes' } } };
  if ('operationId' in request) return { job: { name, script: request.script, parameters: {} } };
  if (request.script === 'restoreFiles') {
    const blobs = await deps.backupBlobs(request.sourceCluster);
    const secret = await blobs.issueUploadSas({ expiresInMs: NODE_SAS_LIFETIME_MS, access: 'read' });
    const { parameters } = restoreScriptParameters({ restoreId: request.restoreId, containerUrl: secret.containerUrl,
      planBlob: restorePlanBlobName(request.backupId, request.restoreId, input.node) }, secret.reveal());
    return { job: { name, script: request.script, parameters }, secret };
  }
  const backup = await requireBackup(deps, cluster.name, request.backupId);
  const blobs = await deps.backupBlobs(cluster.name);
  const secret = await blobs.issueUploadSas({ expiresInMs: NODE_SAS_LIFETIME_MS, access: 'upload' });
  const { parameters } = backupScriptParameters({ backupId: backup.backupId, containerUrl: secret.containerUrl, keyspaces: backup.keyspaces,
    limitMBps: (cluster.spec as ClusterSpec).schedules.snapshot.uploadMBps,
    inventoryBlob: inventoryBlobName(backup.backupId, input.node), planBlob: uploadPlanBlobName(backup.backupId, input.node),
    storedBlob: storedListingBlobName(backup.backupId, input.node), dataPrefix: nodeDataPrefix(input.node) }, secret.reveal());
  return { job: { name, script: request.script, parameters }, secret };
}
