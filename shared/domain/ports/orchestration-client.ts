import type { InstanceState } from '../operations/lease.js';

/** Starts orchestration instances and reads their runtime state (the durable client, behind the smallest interface). */
export interface OrchestrationClient {
  /** Starts `name` as `instanceId`; starting a finished instance's id again starts a new run of it. */
  start(name: string, instanceId: string, input: unknown): Promise<void>;
  /** The instance's runtime state; NotFound when it was never started or was purged. */
  state(instanceId: string): Promise<InstanceState>;
  /** Delivers an external event to a running instance (an approval's answer). */
  raiseEvent(instanceId: string, name: string, data: unknown): Promise<void>;
}
