import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import {
  controlRepairRequest, getRepairLedgerRequest, getRepairRequest, listRepairsRequest, postRepairRequest,
} from '../shared/api/repair-requests.js';
import { readJsonBody } from '../shared/api/parse-json-body.js';
import { RUN_CONTROLS } from '../shared/domain/repair/decide-run-control.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { callerOf } from './caller-of.js';
import { respond } from './http-response.js';

// The repair API's routes: this file only translates requests to the handlers in shared/api.

const api = async (client: DurableClient) => (await getServices()).repairApi(orchestrationClient(client));

df.app.client.http('httpStartRepair', {
  route: 'clusters/{name}/repairs', methods: ['POST'], authLevel: 'function',
  handler: (request, client) => respond(async () => {
    // No body asks for everything, in the spec's mode.
    const body = await readJsonBody(request, { whenEmpty: {} });
    return postRepairRequest(await api(client), request.params.name ?? '', body, callerOf(request));
  }),
});

df.app.client.http('httpListRepairs', {
  route: 'clusters/{name}/repairs', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(async () => listRepairsRequest(await api(client), request.params.name ?? '')),
});

// A literal segment outranks a parameter in the Functions host's routing (ASP.NET route
// precedence), so `repairs/ledger` never reaches `repairs/{id}`; no run id is `ledger` either.
df.app.client.http('httpGetRepairLedger', {
  route: 'clusters/{name}/repairs/ledger', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(async () => getRepairLedgerRequest(await api(client), request.params.name ?? '')),
});

df.app.client.http('httpGetRepair', {
  route: 'clusters/{name}/repairs/{id}', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(async () =>
    getRepairRequest(await api(client), request.params.name ?? '', request.params.id ?? '')),
});

for (const control of RUN_CONTROLS) {
  df.app.client.http(`http${control[0]!.toUpperCase()}${control.slice(1)}Repair`, {
    route: `clusters/{name}/repairs/{id}/${control}`, methods: ['POST'], authLevel: 'function',
    handler: (request, client) => respond(async () =>
      controlRepairRequest(await api(client), request.params.name ?? '', request.params.id ?? '', control)),
  });
}
