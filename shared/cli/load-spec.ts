import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { validateClusterSpec, type SpecIssue, type SpecTarget } from '../domain/spec/validate-cluster-spec.js';
import { LOOPBACK_RANGE, cidrContains, parseIpv4Cidr } from '../domain/net/ipv4-cidr.js';
import { EXIT, type CliIo } from './cli-io.js';

/** A spec file read, parsed and validated; or the exit code and what went wrong. */
export type LoadedSpec =
  | { ok: true; spec: ClusterSpec; target: SpecTarget }
  | { ok: false; exitCode: number; target?: SpecTarget; issues: SpecIssue[] };

/**
 * Reads a spec file and validates it for a target: the --target option, else AUTOPILOT_TARGET,
 * else inferred (local when every DC's address space is loopback, azure otherwise). An
 * unreadable file is a usage error (exit 1); bad JSON or an invalid spec exits 2.
 */
export async function loadSpec(io: CliIo, file: string, targetOption?: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await io.readText(file);
  } catch (error) {
    return { ok: false, exitCode: EXIT.usage, issues: [{ path: file, message: `cannot read the spec file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }] };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, exitCode: EXIT.invalidSpec, issues: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const target = resolveTarget(targetOption ?? io.env.AUTOPILOT_TARGET, input);
  if (typeof target !== 'string') return { ok: false, exitCode: EXIT.usage, issues: [target] };
  const result = validateClusterSpec(input, { target });
  return result.ok ? { ok: true, spec: result.spec, target } : { ok: false, exitCode: EXIT.invalidSpec, target, issues: result.issues };
}

function resolveTarget(given: string | undefined, input: unknown): SpecTarget | SpecIssue {
  if (given === 'azure' || given === 'local') return given;
  if (given !== undefined && given !== '') {
    return { path: '--target', message: `must be "azure" or "local", not ${JSON.stringify(given)}` };
  }
  const spaces = listAddressSpaces(input);
  const loopback = spaces.length > 0 && spaces.every((text) => {
    const cidr = parseIpv4Cidr(text);
    return !('error' in cidr) && cidrContains(LOOPBACK_RANGE, cidr);
  });
  return loopback ? 'local' : 'azure';
}

function listAddressSpaces(input: unknown): string[] {
  const dcs = (input as { datacenters?: unknown } | null)?.datacenters;
  if (!Array.isArray(dcs)) return [];
  return dcs.map((dc) => (dc as { network?: { addressSpace?: unknown } } | null)?.network?.addressSpace)
    .filter((space): space is string => typeof space === 'string');
}
