import type { DurableClient } from 'durable-functions';
import {
  getBackupRequest, listBackupsRequest, listDrillsRequest, postBackupRequest, postDrillRequest, postRestoreRequest,
} from '../shared/api/backup-requests.js';
import { readJsonBody } from '../shared/api/parse-json-body.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { registerHttp } from './register-http.js';

// The backup, restore and drill API's routes: this file only translates requests to the handlers in shared/api.

const api = async (client: DurableClient) => (await getServices()).backupApi(orchestrationClient(client));

registerHttp('httpStartBackup', {
  route: 'clusters/{name}/backups', methods: ['POST'],
  handler: async (request, client, caller) => {
    // No body backs up every keyspace.
    const body = await readJsonBody(request, { whenEmpty: {} });
    return postBackupRequest(await api(client), request.params.name ?? '', body, caller.identity);
  },
});

registerHttp('httpListBackups', {
  route: 'clusters/{name}/backups', methods: ['GET'],
  handler: async (request, client) => listBackupsRequest(await api(client), request.params.name ?? ''),
});

registerHttp('httpGetBackup', {
  route: 'clusters/{name}/backups/{id}', methods: ['GET'],
  handler: async (request, client) => getBackupRequest(await api(client), request.params.name ?? '', request.params.id ?? ''),
});

registerHttp('httpStartRestore', {
  route: 'clusters/{name}/restores', methods: ['POST'],
  handler: async (request, client, caller) => {
    // A restore names its backup and its target cluster or tables: no empty form, so no body is CASSOPS_REQUEST_MALFORMED_JSON.
    const body = await readJsonBody(request);
    // The caller's roles too: an in-place restore needs Admin, more than this route's Operator.
    return postRestoreRequest(await api(client), request.params.name ?? '', body, caller);
  },
});

registerHttp('httpStartDrill', {
  route: 'clusters/{name}/drills', methods: ['POST'],
  handler: async (request, client, caller) => {
    // No body drills the newest Complete backup.
    const body = await readJsonBody(request, { whenEmpty: {} });
    return postDrillRequest(await api(client), request.params.name ?? '', body, caller.identity);
  },
});

registerHttp('httpListDrills', {
  route: 'clusters/{name}/drills', methods: ['GET'],
  handler: async (request, client) => listDrillsRequest(await api(client), request.params.name ?? ''),
});
