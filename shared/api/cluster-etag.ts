import { hashSpec } from '../domain/spec/hash-spec.js';
import type { ClusterRecord } from '../domain/state/state-records.js';
import { OpsError } from '../errors/ops-error.js';

/**
 * The ETag of a cluster's desired state: its spec's hash, quoted. It changes when an update
 * commits a new spec, and not when an operation merely runs, so a client that read the spec can
 * change it unless someone else changed it first.
 */
export function clusterEtag(cluster: Pick<ClusterRecord, 'spec'>): string {
  return `"${hashSpec(cluster.spec).slice(0, 32)}"`;
}

/**
 * Checks If-Match against the cluster's ETag: `*` matches any, a list matches when one entry
 * does (weak `W/` tags compare as strong: the spec is the whole representation). Errors:
 * CASSOPS_PRECONDITION_REQUIRED (428) when absent, CASSOPS_PRECONDITION_FAILED (412) naming both tags.
 */
export function requireIfMatch(cluster: Pick<ClusterRecord, 'spec' | 'name'>, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '') throw new OpsError('CASSOPS_PRECONDITION_REQUIRED');
  const current = clusterEtag(cluster);
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(current)) return;
  throw new OpsError('CASSOPS_PRECONDITION_FAILED', { message: `Cluster '${cluster.name}' holds spec ${current}, not ${ifMatch.trim()}: `
    + 'someone changed it since you read it; GET it again and re-apply your change.' });
}
