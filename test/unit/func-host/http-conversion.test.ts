import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { toRpcHttp } from '../../../local/func-host/http/http-conversion.js';
import { callerOf } from '../../../functions/caller-of.js';

const request = (headers: Record<string, string>) => ({ method: 'DELETE', headers } as unknown as IncomingMessage);

test('the host drops a client\'s principal headers and sets the key caller\'s, roles as claims of type roles', () => {
  const forged = Buffer.from(JSON.stringify({ claims: [{ typ: 'roles', val: 'Admin' }] })).toString('base64');
  const rpc = toRpcHttp(request({ 'x-ms-client-principal': forged, 'x-ms-client-principal-name': 'mallory', accept: 'application/json' }),
    'http://127.0.0.1/api/clusters/x', Buffer.alloc(0), { name: 'x' }, { name: 'operator', roles: ['Operator'] });
  const headers = rpc.headers as Record<string, string>;
  assert.equal(headers.accept, 'application/json');
  assert.equal(headers['x-ms-client-principal-name'], 'operator');
  assert.deepEqual(JSON.parse(Buffer.from(headers['x-ms-client-principal']!, 'base64').toString('utf8')), { auth_typ: 'key', name_typ: 'name',
    role_typ: 'roles', claims: [{ typ: 'name', val: 'operator' }, { typ: 'roles', val: 'Operator' }] });
  // What the app makes of it: the same reader as for Entra ID callers on Azure.
  assert.deepEqual(callerOf({ headers: new Headers(headers) }), { identity: 'operator', roles: ['Operator'] });
});

test('without an authenticated key there is no principal at all, whatever the client sent', () => {
  const rpc = toRpcHttp(request({ 'x-ms-client-principal': 'e30=', 'X-MS-CLIENT-PRINCIPAL-ID': 'mallory' }), 'http://127.0.0.1/', Buffer.alloc(0), {});
  assert.deepEqual(Object.keys(rpc.headers as Record<string, string>).filter((k) => k.toLowerCase().startsWith('x-ms-client-principal')), []);
});
