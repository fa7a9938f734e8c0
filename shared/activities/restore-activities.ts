import type { RestoreRef } from '../contracts/backup-io.js';
import { restorePlanBlobName } from '../domain/backup/backup-blob-layout.js';
import { matchRestoreNodes } from '../domain/backup/match-restore-nodes.js';
import { readRestorableManifest } from '../domain/backup/read-backup.js';
import { renderRestorePlan } from '../domain/backup/snapshot-inventory.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { ActivityDeps } from './activity-deps.js';
import { requireCluster, sessionTarget } from './cluster-lookup.js';
import { withClusterSession } from './with-cluster-session.js';

/** The restore's activities; the data itself moves from Blob storage to the nodes in node jobs. */
export function createRestoreActivities(deps: ActivityDeps) {
  return {
    /**
     * Creates the backup's schema on the new cluster with the original table ids (so each table's
     * directory is the one its files were backed up from), then writes, per new node, the files
     * of the backed-up node it pairs with: user tables only (the schema came over CQL, system
     * tables are the new cluster's own). Safe to repeat: the schema is created if absent, plans
     * are rewritten whole.
     */
    prepareRestore: async (restore: RestoreRef): Promise<Result<{ nodes: string[] }>> => {
      const manifest = await readRestorableManifest(deps, restore.sourceCluster, restore.backupId);
      const target = await requireCluster(deps, restore.targetCluster);
      const matched = matchRestoreNodes(manifest.nodes, target.plan.nodes);
      if (!matched.ok) {
        return fail({ code: 'CASSOPS_RESTORE_TOPOLOGY_MISMATCH', message: `Backup ${restore.backupId} does not fit cluster ${target.name}: ${matched.mismatches.join('; ')}.` });
      }
      const wanted = (keyspace: string, table: string) => !keyspace.startsWith('system')
        && (!restore.tables || restore.tables.includes(`${keyspace}.${table}`));
      await withClusterSession(deps, target.plan, sessionTarget(target), (session) => session.restoreSchema({
        statements: manifest.statements.filter((s) => !s.keyspace.startsWith('system')),
        tables: manifest.tables.filter((t) => wanted(t.keyspace, t.table)),
      }));
      const blobs = await deps.backupBlobs(restore.sourceCluster);
      for (const { target: node, source } of matched.pairings) {
        const files = source.files.filter((f) => wanted(f.keyspace, f.table));
        await blobs.put(restorePlanBlobName(restore.backupId, restore.restoreId, node), renderRestorePlan(files));
      }
      return ok({ nodes: matched.pairings.map((p) => p.target) });
    },
  };
}
