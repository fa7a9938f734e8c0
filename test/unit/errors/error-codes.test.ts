import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CODES, RETIRED_CODES } from '../../../shared/errors/error-codes.js';
import { OpsError } from '../../../shared/errors/ops-error.js';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe('error catalog', () => {
  it('uses CASSOPS_<AREA>_<REASON> codes, 4xx/5xx statuses and never a retired code', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      assert.match(code, /^CASSOPS_[A-Z]+(_[A-Z]+)*$/);
      assert.ok(entry.status >= 400 && entry.status < 600, code);
      assert.equal(RETIRED_CODES.includes(code), false, code);
    }
  });
  it('is listed in the README error table, code for code', () => {
    const documented = [...readme.matchAll(/^\| `(CASSOPS_[A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(documented, Object.entries(ERROR_CODES).map(([code, e]) => [code, e.status]));
  });
  it('gives OpsError the catalog\'s status and retryability, and an info shape without stack', () => {
    const error = new OpsError('CASSOPS_CLUSTER_BUSY', { message: 'op-1 is running', details: { operationId: 'op-1' } });
    assert.equal(error.status, 409);
    assert.equal(error.retryable, true);
    assert.deepEqual(error.toInfo(), { code: 'CASSOPS_CLUSTER_BUSY', message: 'op-1 is running' });
  });
});
