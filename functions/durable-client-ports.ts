import type { DurableClient, OrchestrationRuntimeStatus } from 'durable-functions';
import type { HealthChecks } from '../shared/api/health-api-deps.js';
import { ORCHESTRATIONS } from '../shared/contracts/names.js';
import { INSTANCE_STATES, type InstanceState } from '../shared/domain/operations/lease.js';
import type { OrchestrationClient } from '../shared/domain/ports/orchestration-client.js';
import type { HistoryPurger } from '../shared/domain/ports/history-purger.js';

/** The durable client behind the OrchestrationClient port. */
export function orchestrationClient(client: DurableClient): OrchestrationClient {
  return {
    start: async (name, instanceId, input) => { await client.startNew(name, { instanceId, input }); },
    state: async (instanceId) => {
      try {
        const runtime = String((await client.getStatus(instanceId)).runtimeStatus);
        // Canceled is Terminated's older name; ContinuedAsNew is still running.
        if (runtime === 'Canceled') return 'Terminated';
        return (INSTANCE_STATES as readonly string[]).includes(runtime) ? runtime as InstanceState : 'Running';
      } catch (error) {
        // durable-functions reports an unknown instance as an Error naming HTTP 404; anything else is a fault to surface.
        if (/HTTP 404/.test((error as Error)?.message ?? '')) return 'NotFound';
        throw error;
      }
    },
    raiseEvent: async (instanceId, name, data) => { await client.raiseEvent(instanceId, name, data); },
  };
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

/** The durable client behind the HistoryPurger port. */
export function historyPurger(client: DurableClient): HistoryPurger {
  return {
    // The enum's values are the status names themselves; a type-only import keeps this ESM file
    // off durable-functions' CommonJS named exports.
    purgeHistory: async (window) => (await client.purgeInstanceHistoryBy({ createdTimeFrom: window.createdTimeFrom,
      createdTimeTo: window.createdTimeTo, runtimeStatus: window.runtimeStatuses.map((s) => s as OrchestrationRuntimeStatus) })).instancesDeleted,
  };
}
