import type { DurableClient } from 'durable-functions';
import type { OrchestrationStarter } from '../shared/api/cluster-api-deps.js';
import type { HealthChecks } from '../shared/api/health-api-deps.js';
import { ORCHESTRATIONS } from '../shared/contracts/names.js';

/** The durable client, narrowed to starting orchestrations. */
export function orchestrationStarter(client: DurableClient): OrchestrationStarter {
  return { start: async (name, instanceId, input) => { await client.startNew(name, { instanceId, input }); } };
}

/** The durable client, narrowed to starting and reading health checks. */
export function healthChecks(client: DurableClient): HealthChecks {
  return {
    start: async (cluster, checkId, trigger) => {
      await client.startNew(ORCHESTRATIONS.checkClusterHealth, { instanceId: checkId, input: { cluster, checkId, trigger } });
    },
    status: async (checkId) => {
      const status = await client.getStatus(checkId).catch(() => undefined);
      return status?.runtimeStatus ? { runtimeStatus: String(status.runtimeStatus), output: status.output, customStatus: status.customStatus } : undefined;
    },
  };
}
