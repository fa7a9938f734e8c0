import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandMainGlob } from '../../../local/func-host/expand-main-glob.js';
import { isAuthorized, keyNameOf, keyRolesFromSettings, keysFromSettings, type HostKeys } from '../../../local/func-host/http/auth-keys.js';
import { loadHostSettings, timeSpanToMs } from '../../../local/func-host/host-settings.js';
import { parseStorageConnection } from '../../../local/func-host/storage-connection.js';
import { decodeMessage } from '../../../local/func-host/triggers/queue-listener.js';
import { parseSchedule } from '../../../local/func-host/triggers/timer-scheduler.js';

function tempApp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'func-app-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('package.json main globs expand like the worker: *, ** and plain paths', () => {
  const dir = tempApp({ 'dist/functions/a.js': '', 'dist/functions/b.js': '', 'dist/functions/c.js.map': '', 'dist/functions/sub/d.js': '', 'main.js': '' });
  try {
    assert.deepEqual(expandMainGlob(dir, 'dist/functions/*.js').map((p) => p.slice(dir.length)), ['/dist/functions/a.js', '/dist/functions/b.js']);
    assert.deepEqual(expandMainGlob(dir, 'dist/**/*.js').length, 3);
    assert.deepEqual(expandMainGlob(dir, './main.js').map((p) => p.slice(dir.length)), ['/main.js']);
    assert.deepEqual(expandMainGlob(dir, 'missing/*.js'), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('host settings: %NAME% resolves from local.settings.json or the environment; bad fields are named', () => {
  const dir = tempApp({
    'host.json': JSON.stringify({ extensions: { durableTask: { hubName: '%HUB%', maxConcurrentActivityFunctions: 3 }, queues: { maxDequeueCount: 2 } } }),
    'local.settings.json': JSON.stringify({ Values: { HUB: 'FromSettings' } }),
  });
  try {
    assert.equal(loadHostSettings(dir, {}).durable.hubName, 'FromSettings');
    assert.equal(loadHostSettings(dir, { HUB: 'FromEnv' }).durable.hubName, 'FromEnv');
    assert.equal(loadHostSettings(dir, {}).durable.maxConcurrentActivityFunctions, 3);
    assert.equal(loadHostSettings(dir, {}).queues.maxDequeueCount, 2);
    assert.equal(loadHostSettings(dir, {}).routePrefix, 'api');
    writeFileSync(join(dir, 'local.settings.json'), '{"Values":{}}');
    assert.throws(() => loadHostSettings(dir, {}), /HOST_SETTING_MISSING: extensions.durableTask.hubName refers to app setting HUB/);
    writeFileSync(join(dir, 'host.json'), JSON.stringify({ extensions: { queues: { maxDequeueCount: 0, visibilityTimeout: '30s' } } }));
    assert.throws(() => loadHostSettings(dir, {}), (e: Error) => /HOST_JSON_INVALID/.test(e.message) &&
      e.message.includes('extensions.queues.maxDequeueCount') && e.message.includes('extensions.queues.visibilityTimeout'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(timeSpanToMs('00:00:30'), 30_000);
  assert.equal(timeSpanToMs('1.02:00:00.5'), 93_600_500);
});

test('storage connection strings: development storage, explicit endpoints, loopback only, key never echoed', () => {
  assert.equal(parseStorageConnection('UseDevelopmentStorage=true').queueEndpoint, 'http://127.0.0.1:10001/devstoreaccount1');
  const explicit = 'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=c2VjcmV0;BlobEndpoint=http://127.0.0.1:1/a;QueueEndpoint=http://127.0.0.1:2/a;TableEndpoint=http://localhost:3/a;';
  assert.equal(parseStorageConnection(explicit).tableEndpoint, 'http://localhost:3/a');
  const remote = explicit.replace('http://127.0.0.1:2/a', 'https://acct.queue.example.net');
  assert.throws(() => parseStorageConnection(remote), (e: Error) => /QueueEndpoint .* is not on loopback/.test(e.message) && !e.message.includes('c2VjcmV0'));
  assert.throws(() => parseStorageConnection('AccountName=a;AccountKey=c2VjcmV0'), /STORAGE_CONNECTION_INVALID: AzureWebJobsStorage has no BlobEndpoint/);
});

test('auth levels: nothing enforced without keys; function takes host or master keys; admin only master', () => {
  const none: HostKeys = { masterKeys: [], hostKeys: [] };
  const keys = { masterKeys: ['m'], hostKeys: [{ name: 'default', value: 'h' }] };
  assert.equal(isAuthorized('admin', none, undefined), true);
  assert.equal(isAuthorized('anonymous', keys, undefined), true);
  assert.equal(isAuthorized('function', keys, 'h'), true);
  assert.equal(isAuthorized('function', keys, 'm'), true);
  assert.equal(isAuthorized('function', keys, 'x'), false);
  assert.equal(isAuthorized('function', keys, undefined), false);
  assert.equal(isAuthorized('admin', keys, 'h'), false);
  assert.equal(isAuthorized('ADMIN', keys, 'm'), true);
});

test('queue text decodes base64 and passes other text through; schedules need six fields', () => {
  assert.equal(decodeMessage(Buffer.from('{"a":1}').toString('base64')), '{"a":1}');
  assert.equal(decodeMessage('plain text'), 'plain text');
  const next = parseSchedule('f', '0 */5 * * * *');
  assert.equal(next(new Date('2026-01-01T00:01:00Z')).toISOString(), '2026-01-01T00:05:00.000Z');
  assert.throws(() => parseSchedule('f', '*/5 * * * *'), /TIMER_SCHEDULE_INVALID: function f schedule "\*\/5 \* \* \* \*" must have six fields/);
  assert.throws(() => parseSchedule('f', '0 0 25 * * *'), /TIMER_SCHEDULE_INVALID: function f/);
});

test('named host keys: name:value entries keep their names, bare ones are default, default-2; the master key is master', () => {
  const keys = keysFromSettings({ FUNCTIONS_HOST_KEY: 'reader:r1, operator:o-1_x=, plain', FUNCTIONS_MASTER_KEY: 'm1,m2' });
  assert.deepEqual(keys.hostKeys, [{ name: 'reader', value: 'r1' }, { name: 'operator', value: 'o-1_x=' }, { name: 'default-3', value: 'plain' }]);
  assert.deepEqual(['r1', 'o-1_x=', 'plain', 'm1', 'm2', 'nope', undefined].map((k) => keyNameOf(keys, k)),
    ['reader', 'operator', 'default-3', 'master', 'master-2', undefined, undefined]);
  assert.equal(isAuthorized('function', keys, 'o-1_x='), true);
  assert.equal(isAuthorized('admin', keys, 'r1'), false, 'a named host key is still a host key');
  for (const bad of ['re der:x', 'reader:', 'reader:a,reader:b', 'master:x']) {
    assert.throws(() => keysFromSettings({ FUNCTIONS_HOST_KEY: bad }), (e: Error) => /^HOST_KEYS_INVALID/.test(e.message) && !/:x|:a|:b/.test(e.message), bad);
  }
});

test('key roles: FUNC_HOST_KEY_ROLES maps key names to roles; absent means none; a bad shape is named', () => {
  assert.deepEqual(keyRolesFromSettings({ FUNC_HOST_KEY_ROLES: '{"reader":["Reader"],"master":["Admin"]}' }), { reader: ['Reader'], master: ['Admin'] });
  assert.deepEqual(keyRolesFromSettings({}), {});
  for (const bad of ['{oops', '["Reader"]', '{"reader":"Reader"}', '{"reader":[1]}']) {
    assert.throws(() => keyRolesFromSettings({ FUNC_HOST_KEY_ROLES: bad }), /^Error: HOST_SETTING_INVALID: FUNC_HOST_KEY_ROLES/, bad);
  }
});
