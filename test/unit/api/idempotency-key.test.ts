import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIdempotencyKey } from '../../../shared/api/idempotency-key.js';
import { isOpsError } from '../../../shared/errors/ops-error.js';

test('Idempotency-Key: absent is undefined; visible ASCII a Table key accepts passes unchanged', () => {
  assert.equal(parseIdempotencyKey(null), undefined);
  assert.equal(parseIdempotencyKey(undefined), undefined);
  for (const key of ['a', 'key-beta', 'x'.repeat(200), '!"$%&\'()*+,-.:;<=>@[]^_`{|}~', '2026-01-01T00:00:00Z']) {
    assert.equal(parseIdempotencyKey(key), key);
  }
});

test('Idempotency-Key: characters Table storage forbids in a key, control characters, spaces and lengths are 400 naming the header', () => {
  const refused = ['', 'x'.repeat(201), 'a/b', 'a\\b', 'a#b', 'a?b', 'tab\tkey', 'nul\u0000', 'del\u007f', 'c1\u0085',
    'with space', 'é', '\u{1F600}'];
  for (const key of refused) {
    assert.throws(() => parseIdempotencyKey(key), (error) => isOpsError(error) && error.code === 'CASSOPS_REQUEST_INVALID' &&
      error.issues?.[0]?.path === 'header:Idempotency-Key' && /\/ \\ # \?/.test(error.message), JSON.stringify(key));
  }
});

test('Idempotency-Key: each visible ASCII character alone passes, except exactly # / ? \\', () => {
  const accepted = (c: string) => { try { return parseIdempotencyKey(c) === c; } catch { return false; } };
  for (let code = 0x21; code <= 0x7e; code++) {
    const c = String.fromCharCode(code);
    assert.equal(accepted(c), !'#/?\\'.includes(c), c);
  }
});
