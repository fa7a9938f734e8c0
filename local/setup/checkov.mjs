// Checkov, pinned, from PyPI into a virtualenv in the project's cache: what scans infra/ in CI.
// No Bicep compiler is installed on these machines, so Checkov's own Bicep parser is the only
// reader of the templates here; they stay within what it parses (a parse error fails the scan).
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CHECKOV_VERSION = '3.3.30';

/** Where the virtualenv lives: `$CASSANDRA_AUTOPILOT_CACHE` (else ~/.cache/cassandra-autopilot)/checkov-<version>. */
export function checkovHome(env = process.env) {
  const cache = env.CASSANDRA_AUTOPILOT_CACHE || join(homedir(), '.cache', 'cassandra-autopilot');
  return join(cache, `checkov-${CHECKOV_VERSION}`);
}

export function checkovBin(env = process.env) {
  return join(checkovHome(env), 'bin', 'checkov');
}

function installedVersion(bin) {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Installs the pinned Checkov unless the virtualenv already has it. Needs python3 with venv
 * (Debian: python3-venv, which this tries to install with apt-get when running as root).
 * Throws with the step that failed.
 */
export function ensureCheckov(env = process.env) {
  const home = checkovHome(env);
  const bin = checkovBin(env);
  if (installedVersion(bin) === CHECKOV_VERSION) return bin;
  console.log(`[setup] installing Checkov ${CHECKOV_VERSION} from PyPI into ${home}`);
  rmSync(home, { recursive: true, force: true });
  const venv = () => execFileSync('python3', ['-m', 'venv', home], { stdio: 'inherit' });
  try {
    venv();
  } catch (error) {
    if (process.getuid?.() !== 0) throw new Error(`python3 -m venv failed (install python3-venv): ${error.message}`);
    console.log('[setup] python3 has no venv: installing python3-venv from Debian');
    rmSync(home, { recursive: true, force: true });
    execFileSync('apt-get', ['install', '-y', '-q', 'python3-venv'], { stdio: 'inherit' });
    venv();
  }
  const pip = join(home, 'bin', 'pip');
  execFileSync(pip, ['install', '--disable-pip-version-check', '--no-input', '-q', `checkov==${CHECKOV_VERSION}`], { stdio: 'inherit' });
  const version = installedVersion(bin);
  if (version !== CHECKOV_VERSION) throw new Error(`Checkov in ${home} reports ${version ?? 'nothing'}, not ${CHECKOV_VERSION}`);
  return bin;
}

/**
 * Runs Checkov over `dir` (Bicep) and judges its JSON report: no failed check, no file it could
 * not parse (a parse error hides every resource in the file), at least one resource scanned, and
 * every skip justified by its inline `checkov:skip=CKV_...: reason` comment.
 * `--skip-download` keeps it offline (it would otherwise fetch guideline links from its vendor).
 */
export function scanInfra(dir, env = process.env) {
  const bin = checkovBin(env);
  if (!existsSync(bin)) throw new Error(`Checkov is not installed: run \`node local/setup/ensure-installed.mjs --checkov\``);
  let output;
  try {
    output = execFileSync(bin, ['-d', dir, '--framework', 'bicep', '--skip-download', '-o', 'json'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
      env: { ...env, CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false' },
    });
  } catch (error) {
    // Checkov exits 1 when a check failed; its report is still on stdout.
    output = error.stdout;
    if (!output) throw error;
  }
  const parsed = JSON.parse(output);
  const report = (Array.isArray(parsed) ? parsed.find((r) => r.check_type === 'bicep') : parsed) ?? {};
  // With no result at all Checkov prints only the summary's fields.
  const summary = report.summary ?? report;
  const results = report.results ?? {};
  const unparsed = results.parsing_errors ?? [];
  const problems = [
    ...(results.failed_checks ?? []).map((c) => `FAILED ${c.check_id} ${c.check_name}: ${c.resource} (${c.file_path}:${c.file_line_range?.join('-')})`),
    ...unparsed.map((file) => `NOT PARSED ${file}`),
    ...(summary.parsing_errors > unparsed.length ? [`${summary.parsing_errors} file(s) not parsed`] : []),
    ...(results.skipped_checks ?? []).filter((c) => !reasonOf(c)).map((c) => `SKIPPED WITHOUT A REASON ${c.check_id}: ${c.resource} (${c.file_path})`),
    ...(summary.resource_count > 0 ? [] : ['no resource was scanned']),
  ];
  return { summary, problems, skipped: (results.skipped_checks ?? []).map((c) => `${c.check_id} ${c.resource}: ${reasonOf(c)}`) };
}

function reasonOf(check) {
  const reason = check.check_result?.suppress_comment?.trim();
  return reason && reason !== 'No comment provided' ? reason : undefined;
}
