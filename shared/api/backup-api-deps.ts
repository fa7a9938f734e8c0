import type { BackupSources } from '../domain/backup/read-backup.js';
import type { ClusterApiDeps } from './cluster-api-deps.js';

/** What the backup, restore and drill API and their timers need: a restore deploys a cluster, so all a create needs too. */
export type BackupApiDeps = ClusterApiDeps & BackupSources;
