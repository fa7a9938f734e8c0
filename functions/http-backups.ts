import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import {
  getBackupRequest, listBackupsRequest, listDrillsRequest, postBackupRequest, postDrillRequest, postRestoreRequest,
} from '../shared/api/backup-requests.js';
import { readJsonBody } from '../shared/api/parse-json-body.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { callerOf } from './caller-of.js';
import { respond } from './http-response.js';

// The backup, restore and drill API's routes: this file only translates requests to the handlers in shared/api.

const api = async (client: DurableClient) => (await getServices()).backupApi(orchestrationClient(client));

df.app.client.http('httpStartBackup', {
  route: 'clusters/{name}/backups', methods: ['POST'], authLevel: 'function',
  handler: (request, client) => respond(async () => {
    // No body backs up every keyspace.
    const body = await readJsonBody(request, { whenEmpty: {} });
    return postBackupRequest(await api(client), request.params.name ?? '', body, callerOf(request));
  }),
});

df.app.client.http('httpListBackups', {
  route: 'clusters/{name}/backups', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(async () => listBackupsRequest(await api(client), request.params.name ?? '')),
});

df.app.client.http('httpGetBackup', {
  route: 'clusters/{name}/backups/{id}', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(async () =>
    getBackupRequest(await api(client), request.params.name ?? '', request.params.id ?? '')),
});

df.app.client.http('httpStartRestore', {
  route: 'clusters/{name}/restores', methods: ['POST'], authLevel: 'function',
  handler: (request, client) => respond(async () => {
    // A restore names its backup and target cluster, so it has no empty form: no body is CASSOPS_REQUEST_MALFORMED_JSON.
    const body = await readJsonBody(request);
    return postRestoreRequest(await api(client), request.params.name ?? '', body, callerOf(request));
  }),
});

df.app.client.http('httpStartDrill', {
  route: 'clusters/{name}/drills', methods: ['POST'], authLevel: 'function',
  handler: (request, client) => respond(async () => {
    // No body drills the newest Complete backup.
    const body = await readJsonBody(request, { whenEmpty: {} });
    return postDrillRequest(await api(client), request.params.name ?? '', body, callerOf(request));
  }),
});

df.app.client.http('httpListDrills', {
  route: 'clusters/{name}/drills', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(async () => listDrillsRequest(await api(client), request.params.name ?? '')),
});
