import { STORAGE_PORT } from './render-cassandra-yaml.js';

/**
 * Lines that hold a node's start until one of the seeds in $SEEDS (addresses) accepts a
 * connection on the storage port, checked every second; after $SEED_WAIT_SECONDS they run
 * `onTimeout`, which must end the script. Shared by the start Run Command and the first boot
 * cloud-init runs, so both wait for gossip the same way.
 */
export function renderSeedWaitLines(onTimeout: string): string[] {
  return [
    'deadline=$(( $(date +%s) + SEED_WAIT_SECONDS ))',
    `seed_answers() { for seed in $SEEDS; do timeout 2 bash -c ": <>/dev/tcp/$seed/${STORAGE_PORT}" 2>/dev/null && return 0; done; return 1; }`,
    `until seed_answers; do [ "$(date +%s)" -lt "$deadline" ] || { ${onTimeout}; }; sleep 1; done`,
  ];
}
