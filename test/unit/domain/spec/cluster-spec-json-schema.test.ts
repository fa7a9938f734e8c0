import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatClusterSpecJsonSchema } from '../../../../shared/domain/spec/cluster-spec-json-schema.js';

const checkedIn = fileURLToPath(new URL('../../../../../shared/domain/spec/cluster-spec.schema.json', import.meta.url));

describe('cluster spec JSON Schema', () => {
  it('matches the checked-in file (run npm run spec:schema after changing the zod schema)', () => {
    assert.equal(readFileSync(checkedIn, 'utf8'), formatClusterSpecJsonSchema());
  });

  it('rejects unknown fields and marks required ones', () => {
    const schema = JSON.parse(formatClusterSpecJsonSchema()) as { additionalProperties: unknown; required: string[] };
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual([...schema.required].sort(), ['azure', 'cluster', 'datacenters']);
  });
});
