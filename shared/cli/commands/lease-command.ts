import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, clusterPath, printAnswer, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';

interface LeaseBreakOptions extends ApiCommandOptions {
  confirm: string;
}

/** POST /api/clusters/{name}/lease/break's answer. */
interface LeaseBreakView {
  clusterName: string;
  brokenBy: string;
  brokenAt: string;
  broken: { operationId: string; kind: string; requestedBy: string }[];
}

/** Which holds were removed, one line each; a lease nobody held says so. */
export function formatLeaseBreak(b: LeaseBreakView): string {
  if (b.broken.length === 0) return `nobody held the lease of ${b.clusterName}: nothing broken\n`;
  const holds = b.broken.map((h) => `  ${h.operationId} (${h.kind}, requested by ${h.requestedBy})`);
  return `broke the lease of ${b.clusterName} at ${b.brokenAt}, removing ${b.broken.length} hold(s):\n${holds.join('\n')}\n`;
}

/**
 * `autopilot lease break <cluster> --confirm <cluster>` (Admin): removes every hold on the
 * cluster's lease, recorded on each holder's operation; a holder still running stops at its next
 * step. For an operation that died holding it. Exit: 0 broken (or nothing held), 1 refused.
 */
export function registerLeaseCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  const lease = program.command('lease').description('the cluster\'s lease: what lets one operation at a time change it');
  withApi(lease.command('break').description('remove every hold on the lease (Admin): for an operation that died holding it')
    .argument('<cluster>', 'cluster name')
    .requiredOption('--confirm <cluster>', 'the cluster\'s name again'))
    .action(apiAction<LeaseBreakOptions>(io, setExitCode, async (target, options, cluster) => {
      const answer = await callApi(fetchFn, target, 'POST', `${clusterPath(cluster!, 'lease', 'break')}?confirm=${encodeURIComponent(options.confirm)}`);
      if (answer.status !== 200) return refused(io, 'lease break refused', answer);
      printAnswer(io, options, answer.body, formatLeaseBreak);
      return EXIT.ok;
    }));
}
