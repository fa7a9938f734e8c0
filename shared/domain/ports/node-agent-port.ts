import type { Result } from '../../errors/result.js';
import type { NodeProbe } from '../health/health-views.js';
import type { DeploymentNode } from '../deploy/deployment-plan.js';
import type { RepairMode } from '../repair/repair-model.js';

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

/** Runs scripts on a node's VM (Azure runs one script per VM at a time). */
export interface NodeAgentPort {
  /**
   * Runs a node script. A script that fails or prints no marker is CASSOPS_NODE_SCRIPT_FAILED,
   * returned; a busy or throttled VM throws CASSOPS_RUN_COMMAND_CONFLICT or CASSOPS_ARM_THROTTLED.
   */
  runScript(node: DeploymentNode, script: NodeScriptName): Promise<Result<NodeScriptOutcome>>;
  /**
   * Starts a batch of repair segments on the node in the background and returns: progress is
   * watched over CQL (`system_views.repairs`), not through more Run Commands. Starting a batch
   * that is already running or done again changes nothing (detail `already-started`).
   */
  startRepairBatch(node: DeploymentNode, batch: RepairBatch): Promise<Result<NodeScriptOutcome>>;
  /** Stops the run's batches on the node and terminates the repair sessions it coordinates. */
  stopRepairs(node: DeploymentNode, runId: string): Promise<Result<NodeScriptOutcome>>;
  /** The VM's data-disk usage (`df`). Never throws or waits: a busy VM is a probe with `ok: false`. */
  probeHealth(target: HealthProbeTarget): Promise<NodeProbe>;
}
