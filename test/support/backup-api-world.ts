import { InMemoryArm } from '../../shared/adapters/memory/in-memory-arm.js';
import { InMemoryBackupStore } from '../../shared/adapters/memory/in-memory-backup-store.js';
import { InMemoryBlobStore } from '../../shared/adapters/memory/in-memory-blob-store.js';
import type { BackupApiDeps } from '../../shared/api/backup-api-deps.js';
import type { ClusterRecord } from '../../shared/domain/state/state-records.js';
import { repairApiWorld } from './repair-api-world.js';

/**
 * The backup API on the in-memory twins: repairApiWorld's clusters (created 2026-01-01, the
 * fixture spec's default schedules: snapshots daily at 02:00, drills Saturdays at 04:00), its
 * orchestration client and clock, with a backup store and one blob container per cluster.
 */
export async function backupApiWorld(clusters: Partial<Record<string, ClusterRecord['state']>> = { orders: 'Ready' }) {
  const world = await repairApiWorld(clusters);
  const backups = new InMemoryBackupStore();
  const containers = new Map<string, InMemoryBlobStore>();
  const deps: BackupApiDeps = {
    state: world.state, orchestrations: world.deps.orchestrations, leaseTtlInMs: world.deps.leaseTtlInMs, now: world.deps.now, newId: world.deps.newId,
    arm: new InMemoryArm(), target: 'local', subscriptionId: '00000000-0000-0000-0000-000000000000',
    settings: { joinTimeoutInMs: 1000, joinPollIntervalInMs: 100, nodeConcurrency: 4, firstBoot: 'parallel' },
    backups, ensureClusterCa: async () => undefined,
    backupBlobs: async (clusterName) => {
      if (!containers.has(clusterName)) containers.set(clusterName, new InMemoryBlobStore(`memory://backups-${clusterName}`));
      return containers.get(clusterName)!;
    },
  };
  return { ...world, deps, backups };
}
