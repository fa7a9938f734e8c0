import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorResponse, type ApiResponse } from '../shared/api/api-response.js';
import { CONSOLE_HEADERS, findConsoleAsset } from '../shared/api/console-assets.js';
import { registerHttp } from './register-http.js';

// This file runs as dist/functions/http-console.js: the app's root is two folders up.
const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = new Map<string, string>();

/** One console file, read once per process; 404 for a name outside the console's table. */
async function consoleFile(name: string): Promise<ApiResponse> {
  const asset = findConsoleAsset(name);
  if (!asset) return errorResponse('CASSOPS_CONSOLE_FILE_NOT_FOUND', `The web console has no file '${name}'.`);
  const text = cache.get(asset.name) ?? await readFile(join(appRoot, asset.dir, asset.name), 'utf8');
  cache.set(asset.name, text);
  return { status: 200, body: text, headers: { ...CONSOLE_HEADERS, 'content-type': asset.contentType } };
}

// The page and its files hold no data (anonymous, like the OpenAPI document); each API call the
// page makes carries the caller's own credentials and is authorized as any other call.
registerHttp('httpGetConsole', { route: 'console', methods: ['GET'], handler: async () => consoleFile('index.html') });
registerHttp('httpGetConsoleFile', {
  route: 'console/{file}', methods: ['GET'], handler: async (request) => consoleFile(request.params.file ?? ''),
});
