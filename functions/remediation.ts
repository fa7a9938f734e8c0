import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import { CLUSTER_EVENTS_QUEUE, decodeClusterEvent } from '../shared/adapters/queues/cluster-events-queue.js';
import { remediateHealthChange } from '../shared/api/remediate-health-change.js';
import { listRemediationsRequest } from '../shared/api/remediation-requests.js';
import type { HealthStatusChangedEvent } from '../shared/domain/health/health-store.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { registerHttp } from './register-http.js';

// The autopilot: the remediation policy acting on each health change the checks publish.

const api = async (client: DurableClient) => (await getServices()).remediationApi(orchestrationClient(client));

df.app.client.storageQueue('remediateHealthChange', {
  queueName: CLUSTER_EVENTS_QUEUE, connection: 'AzureWebJobsStorage',
  handler: async (message, client, context) => {
    // The host hands over JSON messages already parsed; a string is decoded as the publisher encoded it.
    const event = (typeof message === 'string' ? decodeClusterEvent(message) : message) as HealthStatusChangedEvent;
    const decisions = await remediateHealthChange(await api(client), event);
    for (const d of decisions) {
      context.log(`autopilot ${event.cluster} ${event.checkId} (${event.status}): ${d.node ?? 'cluster'} ${d.action} ${d.decision}: ${d.reason}`
        + `${d.operationId ? ` (operation ${d.operationId})` : ''}`);
    }
  },
});

registerHttp('httpListRemediations', {
  route: 'clusters/{name}/remediations', methods: ['GET'],
  handler: async (request, client) => listRemediationsRequest(await api(client), request.params.name ?? ''),
});
