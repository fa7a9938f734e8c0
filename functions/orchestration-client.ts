import type { DurableClient } from 'durable-functions';
import { INSTANCE_STATES, type InstanceState } from '../shared/domain/operations/lease.js';
import type { OrchestrationClient } from '../shared/domain/ports/orchestration-client.js';

/** The durable client behind the OrchestrationClient port. */
export function orchestrationClient(client: DurableClient): OrchestrationClient {
  return {
    start: async (name, instanceId, input) => { await client.startNew(name, { instanceId, input }); },
    state: async (instanceId) => {
      try {
        const status = await client.getStatus(instanceId);
        const runtime = String(status.runtimeStatus) as InstanceState;
        // Canceled is Terminated's older name; both mean the instance will not act again.
        if (runtime === ('Canceled' as InstanceState)) return 'Terminated';
        return INSTANCE_STATES.includes(runtime) ? runtime : 'Running';
      } catch (error) {
        // durable-functions reports an unknown instance as an Error naming HTTP 404; anything else is a fault to surface.
        if (/HTTP 404/.test((error as Error)?.message ?? '')) return 'NotFound';
        throw error;
      }
    },
  };
}
