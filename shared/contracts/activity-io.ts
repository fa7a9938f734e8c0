import type { RestoreRef } from './backup-io.js';
import type { NodeScriptName } from '../domain/ports/node-agent-port.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import type { ClusterState, NodeState, OperationStatus, ProgressUpdate } from '../domain/state/state-records.js';
import type { OperationKind } from '../domain/operations/operation-kinds.js';
import type { ClusterRef, CqlContact, DeploymentDatacenter, DeploymentNode, DeploymentPlan, DeploymentVpnGateway, VmProfile }
  from '../domain/deploy/deployment-plan.js';
import type { KeyspacePlan, PeeringPlan, VpnConnectionPlan } from '../domain/topology/cluster-plan.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { FirstBootMode } from '../domain/deploy/first-boot-mode.js';
import type { RepairMode } from '../domain/repair/repair-model.js';

/** Tunables of a deployment, fixed when it starts so replays see the same values. */
export interface DeploySettings {
  /** Deadline for one node to become UN with schema agreement. */
  joinTimeoutInMs: number;
  /** Wait between CQL probes of a joining node (a durable timer). */
  joinPollIntervalInMs: number;
  /** NIC+VM chains in flight at once (ARM's per-subscription write budget is shared). */
  nodeConcurrency: number;
  /** How a brand-new cluster's nodes first start (AUTOPILOT_FIRST_BOOT). */
  firstBoot: FirstBootMode;
}

/** Input of deployCluster; its instance id is `operationId`. */
export interface DeployClusterInput {
  operationId: string;
  plan: DeploymentPlan;
  /** The validated spec the plan was made from: VM creation renders each node's cloud-init from it. */
  spec: ClusterSpec;
  settings: DeploySettings;
  /** Set when the new cluster restores a backup: it then boots with the backup's tokens and loads its data after harden. */
  restore?: RestoreRef;
}

/** Input of deleteCluster; its instance id is `operationId`. */
export interface DeleteClusterInput {
  operationId: string;
  clusterName: string;
  resourceGroups: { name: string; location: string }[];
  /** The plan's VPN connections, deleted before the groups (absent in deleteCluster_v2 inputs and for peered clusters). */
  vpnConnections?: VpnConnectionPlan[];
}

/** beginVpnGateway's and readVpnGatewayState's input. */
export interface VpnGatewayInput extends TaggedInput {
  clusterName: string;
  gateway: DeploymentVpnGateway;
}

/** Input of the activities on one VPN connection (its shared key comes from the secret store). */
export interface VpnConnectionInput extends TaggedInput {
  clusterName: string;
  connection: VpnConnectionPlan;
}

/** What deleteVpnConnection did: deleted (or already gone), or left with why. */
export interface VpnConnectionDeletion {
  name: string;
  deleted: boolean;
  reason?: string;
}

/**
 * Input of repairCluster; its instance id is `operationId`, and so is the run's id (its record,
 * settings included, was created before the orchestration started). Absent keyspaces: every
 * keyspace with replication; absent tables: every table of each keyspace (`keyspace.table`).
 */
export interface RepairClusterInput {
  operationId: string;
  clusterName: string;
  runId: string;
  keyspaces?: string[];
  tables?: string[];
  mode: RepairMode;
}

/** The operation an orchestration runs for: what its progress records and lease renewals name. */
export interface OperationRef {
  operationId: string;
  clusterName: string;
  kind: OperationKind;
}

/** Input of the sub-orchestrations of a deployment (they order work, so they see the whole plan). */
export interface DeployPhaseInput {
  operation: OperationRef;
  plan: DeploymentPlan;
  spec: ClusterSpec;
  settings: DeploySettings;
  /** Nodes already in the ring when an update joins the plan's nodes: each joining node must see them too. */
  nodesBefore?: number;
  /** Datacenters an update adds: their nodes join without bootstrap. */
  newDatacenters?: string[];
}

/** What joinNodes reads of a phase: it starts and probes the plan's nodes, and names the cluster. */
export type JoinNodesInput = Pick<DeployPhaseInput, 'operation' | 'plan' | 'settings' | 'nodesBefore' | 'newDatacenters'>;

export interface FinishOperationInput {
  operationId: string;
  clusterName: string;
  status: OperationStatus;
  /** The cluster's state afterwards; absent when the operation leaves it as it is. */
  clusterState?: ClusterState;
  at: string;
  error?: ErrorInfo;
}

export interface NodeStateInput {
  clusterName: string;
  node: DeploymentNode;
  state: NodeState;
}

/** recordProgress output: whether it was written, and (when known) whether the operation still holds its lease. */
export interface ProgressRecorded {
  recorded: boolean;
  holdsLease?: boolean;
  reason?: string;
}

/** recordProgress input: a step update, the cluster whose lease it renews, and optionally one node's new state. */
export type RecordProgressInput = ProgressUpdate & { clusterName: string; node?: NodeStateInput };

export interface ResourceGroupInput {
  clusterName: string;
  name: string;
  location: string;
}

/**
 * The tags of what an activity creates: the plan's (the spec's, with the cluster's own). Inputs
 * scheduled before tags travelled carry none; the adapter still adds the cluster's tag.
 */
export interface TaggedInput {
  tags?: Record<string, string>;
}

/** createOrUpdateResourceGroup's input. */
export interface CreateResourceGroupInput extends ResourceGroupInput, TaggedInput {}

/** What deleteResourceGroup did: deleted (or found gone), or left the group alone and why. */
export interface ResourceGroupDeletion {
  name: string;
  deleted: boolean;
  reason?: string;
}

/** One named part of a DC (an NSG or availability set by name; the VNet and LB need none). */
export interface DatacenterPartInput extends TaggedInput {
  clusterName: string;
  dc: DeploymentDatacenter;
  partName?: string;
}

export interface PeeringInput {
  peering: PeeringPlan;
}

/** The load balancer backend pool a node's NIC joins. */
export interface BackendPoolRef {
  name: string;
  backendPoolName: string;
}

export interface NodeResourceInput extends TaggedInput {
  clusterName: string;
  node: DeploymentNode;
  vm: VmProfile;
  loadBalancer?: BackendPoolRef;
}

/**
 * createOrUpdateVm's input: the node, and the spec (a few hundred bytes, whatever the cluster's
 * size) from which the activity renders the node's cloud-init.
 */
export interface CreateVmInput extends NodeResourceInput {
  spec: ClusterSpec;
  /** Absent in deployments started before first boots could be parallel: those join in order. */
  firstBoot?: FirstBootMode;
  /** Set when the VM replaces a dead node at this address: Cassandra's first start takes over its ranges. */
  replaceAddress?: string;
  /** Set for a node of a datacenter added to a running cluster: it joins without bootstrap and is rebuilt later. */
  withoutBootstrap?: boolean;
}

export interface ProvisionNodeInput extends CreateVmInput {
  operation: OperationRef;
}

export interface RunNodeScriptInput {
  node: DeploymentNode;
  script: NodeScriptName;
  /** startCassandra of a brand-new cluster's non-seed: the seeds' addresses, one of which must answer first. */
  waitForSeeds?: string[];
}

export interface ProbeNodeJoinedInput {
  cluster: ClusterRef;
  node: DeploymentNode;
  /** Nodes that must be visible: those joined so far, this one included. */
  expectedNodes: number;
}

export interface HardenAuthInput {
  cluster: ClusterRef;
  contact: CqlContact;
  /** RF per DC for system_auth, system_distributed and system_traces. */
  systemReplication: Record<string, number>;
}

export interface CreateKeyspacesInput {
  cluster: ClusterRef;
  contact: CqlContact;
  keyspaces: KeyspacePlan[];
}

export interface SmokeTestInput {
  cluster: ClusterRef;
  /** One per DC, the first DC's first: the write goes there, the reads to each of the others. */
  contacts: CqlContact[];
  replication: Record<string, number>;
  /** Row key of this run's probe write (from the orchestrator, so a retry rewrites the same row). */
  probeId: string;
}

export interface ClusterSecretsInput {
  clusterName: string;
}
