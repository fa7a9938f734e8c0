import type { DurableClient } from 'durable-functions';
import {
  controlRepairRequest, getRepairLedgerRequest, getRepairRequest, listRepairsRequest, postRepairRequest,
} from '../shared/api/repair-requests.js';
import { readJsonBody } from '../shared/api/parse-json-body.js';
import { RUN_CONTROLS, type RunControl } from '../shared/domain/repair/decide-run-control.js';
import type { HttpFunctionName } from '../shared/domain/access/decide-access.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { registerHttp } from './register-http.js';

// The repair API's routes: this file only translates requests to the handlers in shared/api.

const api = async (client: DurableClient) => (await getServices()).repairApi(orchestrationClient(client));

registerHttp('httpStartRepair', {
  route: 'clusters/{name}/repairs', methods: ['POST'],
  handler: async (request, client, caller) => {
    // No body asks for everything, in the spec's mode.
    const body = await readJsonBody(request, { whenEmpty: {} });
    return postRepairRequest(await api(client), request.params.name ?? '', body, caller.identity);
  },
});

registerHttp('httpListRepairs', {
  route: 'clusters/{name}/repairs', methods: ['GET'],
  handler: async (request, client) => listRepairsRequest(await api(client), request.params.name ?? ''),
});

// A literal segment outranks a parameter in the Functions host's routing (ASP.NET route
// precedence), so `repairs/ledger` never reaches `repairs/{id}`; no run id is `ledger` either.
registerHttp('httpGetRepairLedger', {
  route: 'clusters/{name}/repairs/ledger', methods: ['GET'],
  handler: async (request, client) => getRepairLedgerRequest(await api(client), request.params.name ?? ''),
});

registerHttp('httpGetRepair', {
  route: 'clusters/{name}/repairs/{id}', methods: ['GET'],
  handler: async (request, client) => getRepairRequest(await api(client), request.params.name ?? '', request.params.id ?? ''),
});

const CONTROL_FUNCTIONS = { pause: 'httpPauseRepair', resume: 'httpResumeRepair', cancel: 'httpCancelRepair' } as const satisfies
  Record<RunControl, HttpFunctionName>;

for (const control of RUN_CONTROLS) {
  registerHttp(CONTROL_FUNCTIONS[control], {
    route: `clusters/{name}/repairs/{id}/${control}`, methods: ['POST'],
    handler: async (request, client) =>
      controlRepairRequest(await api(client), request.params.name ?? '', request.params.id ?? '', control),
  });
}
