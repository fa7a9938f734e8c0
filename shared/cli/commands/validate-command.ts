import type { Command } from 'commander';
import { planTopology } from '../../domain/topology/plan-topology.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { formatIssues } from '../format-issues.js';
import { loadSpec } from '../load-spec.js';

/** Options both spec commands take. */
export interface SpecCommandOptions {
  target?: string;
  json?: boolean;
}

/**
 * `autopilot validate <spec.json>`: prints every problem with its JSON path and exits 2 when the
 * spec is invalid; prints a summary (and the planner's warnings) and exits 0 when it is valid.
 */
export function registerValidateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program.command('validate')
    .description('check a cluster spec and list every problem with its JSON path')
    .argument('<spec>', 'cluster spec JSON file (- for standard input)')
    .option('-t, --target <target>', 'azure or local (default: $AUTOPILOT_TARGET, else inferred from the address spaces)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: SpecCommandOptions) => {
      const loaded = await loadSpec(io, file, options.target);
      if (!loaded.ok) {
        if (options.json) io.stdout(`${JSON.stringify({ valid: false, target: loaded.target, issues: loaded.issues }, null, 2)}\n`);
        else io.stdout(`${file}: ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}${loaded.target ? ` (target ${loaded.target})` : ''}\n${formatIssues(loaded.issues)}`);
        setExitCode(loaded.exitCode);
        return;
      }
      const plan = planTopology(loaded.spec);
      const nodes = plan.datacenters.reduce((sum, dc) => sum + dc.nodes.length, 0);
      if (options.json) {
        io.stdout(`${JSON.stringify({ valid: true, target: loaded.target, issues: [], warnings: plan.warnings }, null, 2)}\n`);
      } else {
        io.stdout(`${file}: valid for ${loaded.target}: cluster ${plan.clusterName}, ${plan.datacenters.length} datacenter(s), ${nodes} node(s)\n`);
        for (const warning of plan.warnings) io.stderr(`warning: ${warning}\n`);
      }
      setExitCode(EXIT.ok);
    });
}
