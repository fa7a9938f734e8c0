import type { Result } from '../../errors/result.js';
import type { NodeProbe } from '../health/health-views.js';
import type { DeploymentNode } from '../deploy/deployment-plan.js';
import type { RepairMode } from '../repair/repair-model.js';
import type { UploadSas } from './blob-store.js';

/** A node script: one idempotent action, named so its output marker can be checked. */
export const NODE_SCRIPTS = { startCassandra: 'startCassandra', stopCassandra: 'stopCassandra' } as const;
/** The name of one of NODE_SCRIPTS. */
export type NodeScriptName = (typeof NODE_SCRIPTS)[keyof typeof NODE_SCRIPTS];

/** What a node script reported through its marker. */
export interface NodeScriptOutcome {
  detail: string;
  stderrTail: string;
}

/** Segments handed to one coordinator, repaired in order by a runner the node keeps in the background. */
export interface RepairBatch {
  runId: string;
  batchId: string;
  mode: RepairMode;
  /** The runner rests `duration * (1 - intensity) / intensity` after each segment. */
  intensity: number;
  segments: { id: string; keyspace: string; tables: string[]; start: string; end: string }[];
}

/** The VM a health probe runs on. */
export interface HealthProbeTarget {
  node: string;
  resourceGroup: string;
  vmName: string;
}

/**
 * Scripts that run longer than one activity may wait (a backup's snapshot and upload, its clear, a
 * restore's download and import, a node's cleanup or decommission): started in the background on
 * the VM and read back by name.
 */
export const NODE_JOB_SCRIPTS = [
  'backupFiles', 'snapshotBackup', 'uploadBackup', 'clearSnapshot', 'restoreFiles', 'cleanupNode', 'decommissionNode', 'rebuildNode',
] as const;
export type NodeJobScript = (typeof NODE_JOB_SCRIPTS)[number];

/** A long script to run on a node, under a name unique per node and attempt. */
export interface NodeJob {
  /** The job's name on the VM (a managed run command's name on Azure): `[a-z0-9-]{1,63}`. */
  name: string;
  script: NodeJobScript;
  /** Visible parameters, already checked (domain/backup/node-script-parameters.ts). */
  parameters: Record<string, string>;
}

/** Where a job is: `Missing` when no job of that name exists on the VM (never started, or deleted). */
export const NODE_JOB_STATES = ['Running', 'Succeeded', 'Failed', 'Missing'] as const;
export type NodeJobState = (typeof NODE_JOB_STATES)[number];

/** A job's state and, once it ended, what its status marker said. */
export interface NodeJobStatus {
  state: NodeJobState;
  /** The marker's detail (`files=3 bytes=…`, `checksum-mismatch shop/items-…/nb-1-big-Data.db`), or why it failed without one. */
  detail: string;
  stderrTail: string;
}

/** How a node script runs. */
export interface NodeScriptOptions {
  /**
   * startCassandra only: start once one of these seeds' addresses accepts connections on the
   * storage (gossip) port, so that a brand-new cluster's non-seed finds a seed from its first
   * gossip round (failed `no-seed-answers` after SEED_WAIT_SECONDS).
   */
  waitForSeeds?: readonly string[];
}

/** How long startCassandra waits for a seed to answer before it fails. */
export const SEED_WAIT_SECONDS = 600;

/** Runs scripts on a node's VM (Azure runs one script per VM at a time). */
export interface NodeAgentPort {
  /**
   * Runs a node script. A script that fails or prints no marker is CASSOPS_NODE_SCRIPT_FAILED,
   * returned; a busy or throttled VM throws CASSOPS_RUN_COMMAND_CONFLICT or CASSOPS_ARM_THROTTLED.
   */
  runScript(node: DeploymentNode, script: NodeScriptName, options?: NodeScriptOptions): Promise<Result<NodeScriptOutcome>>;
  /**
   * Replaces the node's start-up settings file (/etc/default/cassandra: heap and JVM options) with
   * `content`, for its next start; errors as runScript's.
   */
  writeJvmOptions(node: DeploymentNode, content: string): Promise<Result<NodeScriptOutcome>>;
  /**
   * Installs Cassandra's patch release `release` on the stopped node, for its next start, keeping
   * its configuration; a node still running is refused (detail `running`); errors as runScript's.
   */
  installCassandra(node: DeploymentNode, release: string): Promise<Result<NodeScriptOutcome>>;
  /**
   * Starts a batch of repair segments on the node in the background and returns: progress is
   * watched over CQL (`system_views.repairs`), not through more Run Commands. Starting a batch
   * that is already running or done again changes nothing (detail `already-started`).
   */
  startRepairBatch(node: DeploymentNode, batch: RepairBatch): Promise<Result<NodeScriptOutcome>>;
  /** Stops the run's batches on the node and terminates the repair sessions it coordinates. */
  stopRepairs(node: DeploymentNode, runId: string): Promise<Result<NodeScriptOutcome>>;
  /**
   * Starts a job in the background and returns its status. `secret`, given to the jobs that reach
   * Blob storage (backup and restore; cleanup and decommission take none), reaches the script as
   * the protected parameter `SAS` only: never stored, logged or returned. Idempotent: a job of
   * that name already on the VM is not started again; its status is returned.
   */
  startNodeJob(node: DeploymentNode, job: NodeJob, secret?: UploadSas): Promise<NodeJobStatus>;
  /** The job's status; a job that ended without its marker is `Failed`. */
  readNodeJob(node: DeploymentNode, job: Pick<NodeJob, 'name' | 'script'>): Promise<NodeJobStatus>;
  /** Removes an ended job's record (stopping it if it still runs); a missing one is not an error. */
  deleteNodeJob(node: DeploymentNode, jobName: string): Promise<void>;
  /** The VM's data-disk usage (`df`). Never throws or waits: a busy VM is a probe with `ok: false`. */
  probeHealth(target: HealthProbeTarget): Promise<NodeProbe>;
}
