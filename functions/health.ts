import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import { ORCHESTRATIONS } from '../shared/contracts/names.js';
import { getHealthCheckRequest, getHealthHistoryRequest, getHealthRequest, postHealthCheckRequest } from '../shared/api/health-requests.js';
import { postAlertRequest, processQueuedAlert } from '../shared/api/alert-requests.js';
import type { QueuedAlert } from '../shared/domain/ports/alert-queue.js';
import { HEALTH_ALERTS_QUEUE } from '../shared/adapters/queues/health-alerts-queue.js';
import { readJsonBody } from '../shared/api/parse-json-body.js';
import { readHealthSettings } from './health-settings.js';
import { getServices } from './composition-root.js';
import { healthChecks } from './durable-client-ports.js';
import { registerHttp } from './register-http.js';

// Health's triggers (its orchestrations and activities are registered with the others in
// durable-registrations.ts): this file only translates triggers to the handlers in shared/.

// The schedule is read when the app loads: an app setting, as the Functions host itself would
// resolve `%HEALTH_CHECK_SCHEDULE%`, with the product's default when unset.
const schedule = readHealthSettings(process.env).schedule;

df.app.client.timer('healthCheckTimer', {
  schedule,
  handler: async (_timer, client, context) => {
    const { healthSettings } = await getServices();
    const sweepId = `health-sweep-${new Date().toISOString().replace(/[-:.]/g, '')}`;
    await client.startNew(ORCHESTRATIONS.sweepClusterHealth, { instanceId: sweepId, input: { sweepId, concurrency: healthSettings.concurrency } });
    context.log(`health sweep ${sweepId} started`);
  },
});

const api = async (client: DurableClient) => (await getServices()).healthApi(healthChecks(client));

registerHttp('getClusterHealth', {
  route: 'clusters/{name}/health', methods: ['GET'],
  handler: async (request, client) => getHealthRequest(await api(client), request.params.name ?? ''),
});

registerHttp('getClusterHealthHistory', {
  route: 'clusters/{name}/health/history', methods: ['GET'],
  handler: async (request, client) => getHealthHistoryRequest(await api(client), request.params.name ?? '',
    Object.fromEntries(['from', 'to', 'pageSize', 'continuationToken'].map((k) => [k, request.query.get(k) ?? undefined]))),
});

registerHttp('checkClusterHealthNow', {
  route: 'clusters/{name}/health/check', methods: ['POST'],
  handler: async (request, client) => postHealthCheckRequest(await api(client), request.params.name ?? ''),
});

registerHttp('getClusterHealthCheck', {
  route: 'clusters/{name}/health/checks/{checkId}', methods: ['GET'],
  handler: async (request, client) => getHealthCheckRequest(await api(client), request.params.name ?? '', request.params.checkId ?? ''),
});

// Its own function, so its own key: the Action Group's webhook URL carries only this one, and
// no token (HTTP_ACCESS gives it no role).
registerHttp('receiveAlert', {
  route: 'alerts', methods: ['POST'],
  handler: async (request, client) => postAlertRequest(await api(client), await readJsonBody(request)),
});

df.app.client.storageQueue('processHealthAlert', {
  queueName: HEALTH_ALERTS_QUEUE, connection: 'AzureWebJobsStorage',
  handler: async (message, client, context) => {
    // The host hands over JSON messages already parsed; a string is decoded here.
    const queued = (typeof message === 'string' ? JSON.parse(message) : message) as QueuedAlert;
    const outcome = await processQueuedAlert(await api(client), queued);
    context.log(`alert ${queued.alert.data.essentials.alertId} (${queued.alert.data.essentials.monitorCondition}): ${outcome.recorded ? 'recorded' : 'already recorded'}, ${outcome.cluster ? `cluster ${outcome.cluster}${outcome.node ? ` node ${outcome.node}` : ''}, check ${outcome.checkId}` : 'unmatched'}`);
  },
});
