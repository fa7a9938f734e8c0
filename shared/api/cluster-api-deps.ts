import type { StateStore } from '../adapters/state/state-store.js';
import type { DeploySettings } from '../contracts/activity-io.js';
import type { OrchestrationName } from '../contracts/names.js';
import type { RenderCustomData } from '../domain/deploy/to-deployment-plan.js';

/** Starts orchestration instances (the durable client, behind the smallest interface the API needs). */
export interface OrchestrationStarter {
  /** Starts `name` as `instanceId`; starting a finished instance's id again starts a new run of it. */
  start(name: OrchestrationName, instanceId: string, input: unknown): Promise<void>;
}

/** What the API handlers need, built once by the composition root. */
export interface ClusterApiDeps {
  state: StateStore;
  orchestrations: OrchestrationStarter;
  target: 'azure' | 'local';
  /** The subscription the app deploys into: specs naming another one are refused. */
  subscriptionId: string;
  renderCustomData: RenderCustomData;
  settings: DeploySettings;
  now: () => Date;
  newId: () => string;
}
