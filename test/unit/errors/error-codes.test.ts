import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, RETIRED_CODES } from '../../../shared/errors/error-codes.js';
import { OpsError } from '../../../shared/errors/ops-error.js';
import { readDocPage, tableRows } from '../../support/read-doc-page.js';

describe('error catalog', () => {
  it('uses CASSOPS_<AREA>_<REASON> codes, 4xx/5xx statuses and never a retired code', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      assert.match(code, /^CASSOPS_[A-Z]+(_[A-Z]+)*$/);
      assert.ok(entry.status >= 400 && entry.status < 600, code);
      assert.equal(RETIRED_CODES.includes(code), false, code);
    }
  });
  it('is listed in the error table of docs/api.md, code for code, with its status, retryability and message', () => {
    const documented = tableRows(readDocPage('api.md')).filter(([code]) => /^`CASSOPS_/.test(code ?? ''));
    assert.deepEqual(documented, Object.entries(ERROR_CODES)
      .map(([code, e]) => [`\`${code}\``, String(e.status), e.retryable ? 'yes' : 'no', e.message]));
  });
  it('gives OpsError the catalog\'s status and retryability, and an info shape without stack', () => {
    const error = new OpsError('CASSOPS_CLUSTER_BUSY', { message: 'op-1 is running', details: { operationId: 'op-1' } });
    assert.equal(error.status, 409);
    assert.equal(error.retryable, true);
    assert.deepEqual(error.toInfo(), { code: 'CASSOPS_CLUSTER_BUSY', message: 'op-1 is running' });
  });
});
