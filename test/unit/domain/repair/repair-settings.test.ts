import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_SEGMENT_TOKENS, repairSettingsOf } from '../../../../shared/domain/repair/repair-settings.js';
import { ClusterSpecSchema } from '../../../../shared/domain/spec/cluster-spec-schema.js';
import { localSpec } from '../spec-fixtures.js';

function specWithRepair(repair: Record<string, unknown>) {
  const input = localSpec();
  input.schedules = { repair };
  return ClusterSpecSchema.safeParse(input);
}

describe('repairSettingsOf', () => {
  it('applies the defaults', () => {
    const spec = ClusterSpecSchema.parse(localSpec());
    assert.deepEqual(repairSettingsOf(spec), {
      mode: 'full', segmentsPerNode: 64, intensity: 0.9, segmentTimeoutMinutes: 30, minSegmentTokens: MIN_SEGMENT_TOKENS,
      maxAttempts: 3, pendingCompactionsThreshold: 20, nodeDownLimitMinutes: 60, batchSize: 8,
    });
    assert.equal(spec.schedules.repair.schedule, '0 0 1 * * 0');
  });

  it('takes the spec\'s values, fractions of a minute included', () => {
    const parsed = specWithRepair({ mode: 'incremental', intensity: 1, segmentTimeoutMinutes: 0.25, batchSize: 1 });
    assert.ok(parsed.success);
    const settings = repairSettingsOf(parsed.data);
    assert.deepEqual([settings.mode, settings.intensity, settings.segmentTimeoutMinutes, settings.batchSize], ['incremental', 1, 0.25, 1]);
  });

  it('rejects values out of range, each at its path', () => {
    const cases: [string, unknown][] = [
      ['mode', 'parallel'], ['segmentsPerNode', 0], ['segmentsPerNode', 1025], ['segmentsPerNode', 1.5], ['intensity', 0],
      ['intensity', 1.1], ['segmentTimeoutMinutes', 0], ['segmentTimeoutMinutes', 1441], ['pendingCompactionsThreshold', -1],
      ['nodeDownLimitMinutes', 0], ['maxAttempts', 21], ['batchSize', 0], ['batchSize', 257], ['minSegmentTokens', '1'],
    ];
    for (const [field, value] of cases) {
      const parsed = specWithRepair({ [field]: value });
      assert.ok(!parsed.success, `${field}: ${String(value)}`);
      assert.deepEqual(parsed.error.issues.map((i) => i.path.join('.')), [`schedules.repair${field === 'minSegmentTokens' ? '' : `.${field}`}`]);
    }
  });
});
