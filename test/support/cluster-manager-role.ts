import { readFileSync } from 'node:fs';

/** The custom role infra/main.bicep defines for the app's identity (infra/app/cluster-manager-role.json). */
export interface ClusterManagerRole {
  roleName: string;
  description: string;
  actions: string[];
}

/** Path of the role's actions, for messages that tell where to change them. */
export const CLUSTER_MANAGER_ROLE_FILE = 'infra/app/cluster-manager-role.json';

/** Reads the role from the source tree (the compiled tests run from dist/, the JSON is not copied there). */
export function readClusterManagerRole(): ClusterManagerRole {
  return JSON.parse(readFileSync(new URL(`../../../${CLUSTER_MANAGER_ROLE_FILE}`, import.meta.url), 'utf8')) as ClusterManagerRole;
}
