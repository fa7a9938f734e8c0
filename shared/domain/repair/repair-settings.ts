import type { ClusterSpec } from '../spec/cluster-spec-schema.js';
import type { RepairSettings } from './repair-model.js';

/**
 * A segment that times out is split while it holds more than 2^20 tokens. Not a spec field:
 * an even 1,000-node ring at 64 segments per node has segments of about 2^48 tokens, so the floor
 * only stops a segment that keeps timing out after some 28 halvings, which no setting improves.
 */
export const MIN_SEGMENT_TOKENS = String(2 ** 20);

/** The repair settings of a parsed spec (`schedules.repair`, defaults applied by the schema). */
export function repairSettingsOf(spec: ClusterSpec): RepairSettings {
  const { mode, segmentsPerNode, intensity, segmentTimeoutMinutes, maxAttempts, pendingCompactionsThreshold,
    nodeDownLimitMinutes, batchSize } = spec.schedules.repair;
  return {
    mode, segmentsPerNode, intensity, segmentTimeoutMinutes, minSegmentTokens: MIN_SEGMENT_TOKENS, maxAttempts,
    pendingCompactionsThreshold, nodeDownLimitMinutes, batchSize,
  };
}
