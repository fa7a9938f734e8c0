import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { isBrowserRequest, isCrossOriginBrowserRequest } from '../../../local/func-host/http/browser-requests.js';
import { isSystemAuthorized, presentedKey, type HostKeys } from '../../../local/func-host/http/auth-keys.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const own = ['http://127.0.0.1:7071', 'http://localhost:7071'];

test('browser requests: any Origin or a Sec-Fetch-Site other than none; CLI clients send neither', () => {
  const cases: [Record<string, string>, boolean, boolean][] = [
    // headers, isBrowserRequest, isCrossOriginBrowserRequest
    [{}, false, false],
    [{ 'user-agent': 'node', 'sec-fetch-mode': 'cors' }, false, false],
    [{ 'sec-fetch-site': 'none' }, false, false],
    [{ 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:7071' }, true, false],
    [{ origin: 'http://localhost:7071' }, true, false],
    [{ 'sec-fetch-site': 'same-site' }, true, true],
    [{ 'sec-fetch-site': 'cross-site' }, true, true],
    [{ origin: 'http://evil.example' }, true, true],
    [{ origin: 'null' }, true, true],
    [{ origin: 'http://127.0.0.1:8080' }, true, true],
  ];
  for (const [headers, browser, crossOrigin] of cases) {
    assert.equal(isBrowserRequest(request(headers)), browser, JSON.stringify(headers));
    assert.equal(isCrossOriginBrowserRequest(request(headers), own), crossOrigin, JSON.stringify(headers));
  }
});

test('the system key is always required for admin and durable endpoints, even with no keys configured', () => {
  const none: HostKeys = { masterKeys: [], hostKeys: [] };
  const keys = { masterKeys: ['m'], hostKeys: [{ name: 'default', value: 'h' }] };
  assert.equal(isSystemAuthorized(none, 'sys', undefined), false);
  assert.equal(isSystemAuthorized(none, 'sys', 'guess'), false);
  assert.equal(isSystemAuthorized(none, 'sys', 'sys'), true);
  assert.equal(isSystemAuthorized(keys, 'sys', 'm'), true);
  assert.equal(isSystemAuthorized(keys, 'sys', 'h'), false, 'a host key is not enough');
});

test('the presented key: header, else code, else the password of Basic credentials (the durable client\'s user info)', () => {
  const url = new URL('http://127.0.0.1/durabletask/instances/x?code=q');
  const basic = `Basic ${Buffer.from('system:sys-key').toString('base64')}`;
  assert.equal(presentedKey(request({ 'x-functions-key': 'h', authorization: basic }), url), 'h');
  assert.equal(presentedKey(request({ authorization: basic }), url), 'q');
  assert.equal(presentedKey(request({ authorization: basic }), new URL('http://127.0.0.1/')), 'sys-key');
  assert.equal(presentedKey(request({ authorization: 'Bearer sys-key' }), new URL('http://127.0.0.1/')), undefined);
});
