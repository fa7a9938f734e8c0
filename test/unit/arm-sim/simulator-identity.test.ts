import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleTokenRequest } from '../../../local/arm-sim/handle-token-request.js';
import { callerOf, loadSimulatorIdentity, verifyAccessToken } from '../../../local/arm-sim/simulator-identity.js';

const BASE = 'https://127.0.0.1:1';

describe('the simulator\'s two service principals', () => {
  it('issues each principal tokens that name it as the caller, and refuses unknown clients and crossed secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-identity-'));
    try {
      const id = await loadSimulatorIdentity(dir);
      assert.notEqual(id.toolClientId, id.clientId);
      const ask = (clientId: string, secret: string) => handleTokenRequest(id, BASE, 'POST', `/${id.tenantId}/oauth2/v2.0/token`,
        new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: 'x/.default' }));
      for (const [clientId, secret] of [[id.clientId, id.clientSecret], [id.toolClientId, id.toolClientSecret]] as const) {
        const answer = ask(clientId, secret);
        assert.equal(answer.status, 200);
        const token = (answer.body as { access_token: string }).access_token;
        assert.equal(verifyAccessToken(id, token, Date.now()), undefined);
        assert.equal(callerOf(token), clientId);
      }
      assert.equal(ask(id.clientId, id.toolClientSecret).status, 401, 'the tool\'s secret does not sign the app in');
      assert.equal(ask('someone-else', id.clientSecret).status, 400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds the tool principal to a state directory from before it existed, keeping the app\'s credentials', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-identity-'));
    try {
      const old = { tenantId: 't', clientId: 'c', clientSecret: 's', signingKey: 'k' };
      writeFileSync(join(dir, 'identity.json'), JSON.stringify(old));
      const id = await loadSimulatorIdentity(dir);
      assert.deepEqual({ tenantId: id.tenantId, clientId: id.clientId, clientSecret: id.clientSecret, signingKey: id.signingKey }, old);
      assert.ok(id.toolClientId && id.toolClientSecret);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')), id, 'written back');
      assert.deepEqual(await loadSimulatorIdentity(dir), id, 'and kept');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads no caller from a token that is not a JWT', () => {
    const numericAppid = `a.${Buffer.from('{"appid":7}').toString('base64url')}.c`;
    for (const token of ['', 'abc', 'a.!!!.c', numericAppid]) assert.equal(callerOf(token), undefined, token);
  });
});
