import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { FetchLike } from '../api-client.js';
import { formatTable } from '../format-table.js';
import { apiAction, clusterPath, readAndPrint, withApi, type ApiCommandOptions } from './api-command-kit.js';

/** GET /api/clusters/{name}/remediations's answer. */
interface RemediationsView {
  cluster: string;
  decisions: { at: string; checkId: string; status: string; node?: string; action: string; decision: string; reason: string; operationId?: string }[];
}

/** One row per decision, newest first: when, the health change, the node, the action, taken or not and why, what it started. */
export function formatRemediations(r: RemediationsView): string {
  if (r.decisions.length === 0) return `the autopilot has decided nothing for ${r.cluster} yet\n`;
  return formatTable([['AT', 'HEALTH', 'NODE', 'ACTION', 'DECISION', 'OPERATION', 'REASON'], ...r.decisions.map((d) =>
    [d.at, d.status, d.node ?? '-', d.action, d.decision, d.operationId ?? '-', d.reason])]);
}

/**
 * `autopilot remediations <cluster>`: what the autopilot decided on each health change, newest
 * first (the last 100). Exit: 0, 1 refused.
 */
export function registerRemediationsCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(program.command('remediations').description('what the autopilot decided on each health change: restart, start a VM, replace, or why not')
    .argument('<cluster>', 'cluster name'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, (target, options, cluster) => readAndPrint(io, fetchFn, target, options,
      { path: clusterPath(cluster!, 'remediations'), refusal: `cannot list the remediations of ${cluster}`, format: formatRemediations })));
}
