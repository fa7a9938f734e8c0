import type { RestoreRef } from '../contracts/backup-io.js';
import { restorePlanBlobName } from '../domain/backup/backup-blob-layout.js';
import { matchInPlaceNodes } from '../domain/backup/match-in-place-nodes.js';
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
     * Creates the backup's schema with the original table ids (so each table's directory is the
     * one its files were backed up from), then writes, per node, the files of the backed-up node
     * it pairs with: user tables only (the schema came over CQL, system tables are the cluster's
     * own), and only the keyspaces of the tables asked for. A new cluster pairs rack by rack; the
     * backed-up cluster itself (an in-place restore) pairs each node with itself and needs the
     * ring to give it the tokens the backup recorded, else CASSOPS_RESTORE_TOPOLOGY_MISMATCH
     * naming the node, before any schema change. Safe to repeat: the schema is created where
     * absent (a table that exists with the backup's id is kept as it is; with another id,
     * CASSOPS_RESTORE_SCHEMA_CONFLICT), plans are rewritten whole.
     */
    prepareRestore: async (restore: RestoreRef): Promise<Result<{ nodes: string[] }>> => {
      const manifest = await readRestorableManifest(deps, restore.sourceCluster, restore.backupId);
      const target = await requireCluster(deps, restore.targetCluster);
      const inPlace = restore.sourceCluster === restore.targetCluster;
      const asked = restore.tables;
      const inKeyspace = (keyspace: string) => !keyspace.startsWith('system')
        && (!asked || asked.some((t) => t.startsWith(`${keyspace}.`)));
      const wanted = (keyspace: string, table: string) => inKeyspace(keyspace) && (!asked || asked.includes(`${keyspace}.${table}`));
      const matched = await withClusterSession(deps, target.plan, sessionTarget(target), async (session) => {
        const paired = inPlace ? matchInPlaceNodes(manifest.nodes, target.plan.nodes, (await session.readRing()).nodes)
          : matchRestoreNodes(manifest.nodes, target.plan.nodes);
        if (paired.ok) {
          await session.restoreSchema({ statements: manifest.statements.filter((s) => inKeyspace(s.keyspace)),
            tables: manifest.tables.filter((t) => wanted(t.keyspace, t.table)) });
        }
        return paired;
      });
      if (!matched.ok) {
        const instead = inPlace ? ' The ring changed since the backup: restore it into a new cluster instead.' : '';
        return fail({ code: 'CASSOPS_RESTORE_TOPOLOGY_MISMATCH',
          message: `Backup ${restore.backupId} does not fit cluster ${target.name}: ${matched.mismatches.join('; ')}.${instead}` });
      }
      const blobs = await deps.backupBlobs(restore.sourceCluster);
      for (const { target: node, source } of matched.pairings) {
        const files = source.files.filter((f) => wanted(f.keyspace, f.table));
        await blobs.put(restorePlanBlobName(restore.backupId, restore.restoreId, node), renderRestorePlan(files));
      }
      return ok({ nodes: matched.pairings.map((p) => p.target) });
    },
  };
}
