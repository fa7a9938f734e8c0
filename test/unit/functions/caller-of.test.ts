import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callerOf } from '../../../functions/caller-of.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const request = (headers: Record<string, string>) => ({ headers: new Headers(headers) });

describe('callerOf: the caller from App Service authentication\'s principal headers', () => {
  it('reads an Entra ID user: UPN and object id, app roles from the roles claims', () => {
    // As App Service authentication sends it for a v2 access token carrying two app roles.
    const principal = { auth_typ: 'aad', name_typ: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
      role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', claims: [
        { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: '5b1a-oid' },
        { typ: 'preferred_username', val: 'ada@contoso.example' }, { typ: 'roles', val: 'Operator' }, { typ: 'roles', val: 'Reader' }] };
    assert.deepEqual(callerOf(request({ 'x-ms-client-principal': b64(principal), 'x-ms-client-principal-name': 'ada@contoso.example',
      'x-ms-client-principal-id': '5b1a-oid', 'x-ms-client-principal-idp': 'aad' })), { identity: 'ada@contoso.example (5b1a-oid)', roles: ['Operator', 'Reader'] });
    // Without the name and id headers, the claims give them.
    assert.deepEqual(callerOf(request({ 'x-ms-client-principal': b64(principal) })), { identity: 'ada@contoso.example (5b1a-oid)', roles: ['Operator', 'Reader'] });
  });

  it('reads a service principal (client credentials): its object id, roles of the header\'s role_typ too', () => {
    const principal = { auth_typ: 'aad', role_typ: 'role', claims: [{ typ: 'oid', val: '77-oid' }, { typ: 'role', val: 'Admin' }] };
    assert.deepEqual(callerOf(request({ 'x-ms-client-principal': b64(principal) })), { identity: '77-oid', roles: ['Admin'] });
  });

  it('reads the local host\'s key principal: the key name, once', () => {
    const principal = { auth_typ: 'key', name_typ: 'name', role_typ: 'roles', claims: [{ typ: 'name', val: 'operator' }, { typ: 'roles', val: 'Operator' }] };
    assert.deepEqual(callerOf(request({ 'x-ms-client-principal': b64(principal), 'x-ms-client-principal-name': 'operator',
      'x-ms-client-principal-id': 'operator' })), { identity: 'operator', roles: ['Operator'] });
  });

  it('is undefined with no principal, an unreadable one, or one that names nobody', () => {
    assert.equal(callerOf(request({})), undefined);
    assert.equal(callerOf(request({ 'x-ms-client-principal': 'not base64 json' })), undefined);
    assert.equal(callerOf(request({ 'x-ms-client-principal': b64(null) })), undefined);
    assert.equal(callerOf(request({ 'x-ms-client-principal': b64({ claims: [{ typ: 'roles', val: 'Admin' }] }) })), undefined);
  });
});
