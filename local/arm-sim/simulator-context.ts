import type { GuestDriver } from './guest-driver.js';
import type { LatencyKey, LatencyProfile } from './latency-profile.js';
import type { LroEngine } from './lro-engine.js';
import type { ArmBody, ResourceStore, StoredResource } from './resource-store.js';

/** Limits the simulated subscription enforces (OperationNotAllowed, SkuNotAvailable). */
export interface SimulatorQuotas {
  /** Total vCPUs of all VMs per subscription and region. */
  regionalCores?: number;
  /** VM sizes that are not offered (SkuNotAvailable). */
  unavailableSkus?: string[];
}

/** A parsed resource URL: `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{child}/{name}]`. */
export interface ResourceTarget {
  subscriptionId: string;
  resourceGroup: string;
  namespace: string;
  types: string[];
  names: string[];
  /** The ARM id built with the kind's canonical casing. */
  id: string;
}

/** What every resource provider module works with. */
export interface SimulatorContext {
  store: ResourceStore;
  lro: LroEngine;
  latency: LatencyProfile;
  guest: GuestDriver;
  quotas: SimulatorQuotas;
  /** VMs (lower-cased ids) with an action Run Command in flight: Azure runs one at a time. */
  runningScripts: Set<string>;
  /** Managed run commands in flight, by lower-cased id, so a delete can stop them. */
  managedRuns: Map<string, AbortController>;
  /** Throws an ArmError if a fault rule says this operation's LRO fails midway; consumes the rule. */
  takeLroFault(type: string, verb: string): { code: string; message: string } | undefined;
}

/** What a PUT handler returns: the resource to store, and the work the LRO runs (if any). */
export interface PutPlan {
  stored: StoredResource;
  /** Runs inside the LRO before the resource becomes Succeeded (e.g. the guest boots). */
  provision?: () => Promise<void>;
  latency: LatencyKey;
}

/** A resource type the simulator serves. */
export interface ResourceKind {
  /** Canonical type, e.g. `Microsoft.Network/virtualNetworks/subnets`. */
  type: string;
  /** `async`: PUT and DELETE are LROs (201/202 + Azure-AsyncOperation); `sync`: answered at once. */
  mode: 'async' | 'sync';
  /** Status of a synchronous create (availability sets answer 200, never 201). */
  syncCreateStatus?: 200 | 201;
  /** Validates a PUT body and builds the stored resource; throws ArmError naming the field. */
  put(ctx: SimulatorContext, target: ResourceTarget, body: unknown, existing: StoredResource | undefined): PutPlan;
  /** The body served on GET (adds computed fields such as back-references); defaults to the stored body. */
  present?(ctx: SimulatorContext, stored: StoredResource, query: URLSearchParams): ArmBody;
  /** Throws ArmError when dependents forbid the delete (checked before the LRO starts). */
  checkDelete?(ctx: SimulatorContext, stored: StoredResource): void;
  /** Side effects of a delete inside its LRO (cascades, guest teardown). */
  onDelete?(ctx: SimulatorContext, stored: StoredResource, query: URLSearchParams): Promise<void>;
  deleteLatency?: LatencyKey;
  /** POST actions (and GET sub-resources such as `instanceView`), by lower-cased name. */
  actions?: Record<string, ResourceAction>;
}

/** A POST action or GET view on a resource. */
export interface ResourceAction {
  method: 'POST' | 'GET';
  /** Returns a synchronous body, or an LRO to start. Throws ArmError to refuse. */
  run(ctx: SimulatorContext, stored: StoredResource, body: unknown, query: URLSearchParams): ActionOutcome;
}

export type ActionOutcome =
  | { kind: 'sync'; status?: number; body: unknown }
  | { kind: 'lro'; latency: LatencyKey; work: () => Promise<unknown> };
