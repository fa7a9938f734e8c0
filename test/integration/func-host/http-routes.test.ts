import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFunctionHost, type FunctionHostProcess } from '../../../local/func-host/start-function-host.js';
import { fixtureDir, startHostStack, type HostStack } from './func-host-harness.js';

describe('HTTP triggers of a CommonJS app (with an ES module and hooks)', () => {
  let stack: HostStack;
  let url: string;
  before(async () => {
    stack = await startHostStack('cjs-app');
    url = `${stack.host.url}/v1`;
  });
  after(async () => { await stack?.stop(); });

  test('routePrefix, optional parameters, headers, cookies and text bodies', async () => {
    const named = await fetch(`${url}/hello/Ada`);
    assert.equal(named.status, 200);
    assert.equal(await named.text(), 'Hello, Ada');
    assert.equal(named.headers.get('x-sample'), 'yes');
    assert.match(named.headers.get('set-cookie') ?? '', /^session=abc; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.equal(await (await fetch(`${url}/hello`)).text(), 'Hello, world');
    assert.equal((await fetch(`${stack.host.url}/api/hello`)).status, 404, 'the default api/ prefix is replaced');
  });

  test('constraints pick the route: {id:int} versus {name:alpha}; catch-all takes the rest', async () => {
    assert.deepEqual(await (await fetch(`${url}/items/42`)).json(), { id: 42, method: 'GET' });
    assert.deepEqual(await (await fetch(`${url}/items/42`, { method: 'DELETE' })).json(), { id: 42, method: 'DELETE' });
    assert.deepEqual(await (await fetch(`${url}/items/widget`)).json(), { name: 'widget' });
    assert.equal((await fetch(`${url}/items/4x2`)).status, 404);
    assert.deepEqual(await (await fetch(`${url}/files/a/b/c.txt`)).json(), { path: 'a/b/c.txt' });
    assert.deepEqual(await (await fetch(`${url}/files`)).json(), { path: null });
  });

  test('methods, JSON bodies and query, 204 for no result, 500 for a throwing handler', async () => {
    const echo = await fetch(`${url}/echo?q=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: [1, 2] }) });
    assert.equal(echo.status, 201);
    assert.equal(echo.headers.get('content-type'), 'application/json');
    assert.deepEqual(await echo.json(), { received: { a: [1, 2] }, q: '1' });
    assert.equal((await fetch(`${url}/echo`)).status, 404, 'GET is not among the methods');
    assert.equal((await fetch(`${url}/nothing`)).status, 204);
    const boom = await fetch(`${url}/boom`);
    assert.equal(boom.status, 500);
    assert.doesNotMatch(await boom.text(), /kaboom/, 'no error details leak to the caller');
    const line = stack.host.logs().find((l) => l.includes('[boom]') && l.includes('kaboom in a handler'));
    assert.ok(line, 'the error is logged with the function name');
    assert.match(line, /\[boom\] \[[0-9a-f-]{36}\] Executed 'Functions\.boom' \(Failed/);
    assert.ok(stack.host.logs().some((l) => /at .*http\.js/.test(l)), 'the stack is logged');
  });

  test('hooks: appStart data, preInvocation and postInvocation run around the handler', async () => {
    const body = await (await fetch(`${url}/hooked`)).json() as { seen: string[]; post: string; startedAt: string };
    assert.equal(body.post, 'shared with post');
    assert.equal(body.startedAt, 'appStart ran');
    assert.equal(body.seen.at(-1), 'pre:hooked');
  });

  test('log hooks see each log line with its invocation context; the host log carries function and invocation id', async () => {
    assert.deepEqual(await (await fetch(`${url}/logs`)).json(), ['logs:warning:watch out']);
    assert.ok(stack.host.logs().some((l) => /WARNING \[logs\] \[[0-9a-f-]{36}\] watch out$/.test(l)));
  });

  test('without configured keys, function and admin levels are not enforced (like Core Tools)', async () => {
    assert.equal((await fetch(`${url}/items/1`)).status, 200);
    assert.equal((await fetch(`${url}/adminOnly`)).status, 200);
  });

  test('a broken host.json stops the start with an error naming the field', async () => {
    await assert.rejects(startFunctionHost({ appDir: fixtureDir('bad-host-app'), storageConnectionString: stack.azurite.connectionString }),
      /FUNC_HOST_START_FAILED[\s\S]*HOST_JSON_INVALID: .*host\.json: extensions\.queues\.maxDequeueCount: /);
  });

  test('with keys configured: function and admin levels need the right key', async () => {
    const keyed: FunctionHostProcess = await startFunctionHost({
      appDir: fixtureDir('cjs-app'), storageConnectionString: stack.azurite.connectionString,
      env: { FUNCTIONS_MASTER_KEY: 'test-master-key', FUNCTIONS_HOST_KEY: 'test-host-key' },
    });
    try {
      const base = `${keyed.url}/v1`;
      assert.equal((await fetch(`${base}/items/1`)).status, 401);
      assert.equal((await fetch(`${base}/items/1`, { headers: { 'x-functions-key': 'wrong' } })).status, 401);
      assert.equal((await fetch(`${base}/items/1`, { headers: { 'x-functions-key': 'test-host-key' } })).status, 200);
      assert.equal((await fetch(`${base}/items/1?code=test-master-key`)).status, 200);
      assert.equal((await fetch(`${base}/hello`)).status, 200, 'anonymous stays open');
      assert.equal((await fetch(`${base}/adminOnly?code=test-host-key`)).status, 401);
      assert.equal((await fetch(`${base}/adminOnly?code=test-master-key`)).status, 200);
      assert.equal((await fetch(`${keyed.url}/admin/host/status`)).status, 401);
      assert.equal((await fetch(`${keyed.url}/durabletask/instances/`)).status, 401, 'the durable RPC alias needs a key too');
      assert.equal((await fetch(`${keyed.url}/durabletask/instances/?code=test-host-key`)).status, 401);
      assert.equal((await fetch(`${keyed.url}/durabletask/instances/?code=test-master-key`)).status, 404, 'past the key: no durable functions here');
      assert.ok(!keyed.logs().some((l) => l.includes('test-master-key') || l.includes('test-host-key')), 'keys never reach the log');
    } finally {
      await keyed.stop();
    }
  });
});
