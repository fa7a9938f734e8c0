/** A release as `x.y.z`: what a spec pins, and what a node reports (`release_version`, maybe with a suffix). */
const RELEASE = /^(\d+)\.(\d+)\.(\d+)/;

/** True for a patch release such as `5.0.9`; false for a series such as `5.0`. */
export function isPatchRelease(version: string): boolean {
  return /^\d+\.\d+\.\d+$/.test(version);
}

/** The release series (`5.0`) of a series or a patch release. */
export function seriesOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/**
 * Orders two releases by their numbers (`5.0.10` after `5.0.9`); a suffix (`-SNAPSHOT`) is
 * ignored. Negative when `a` is older.
 * @throws Error naming the version that is not `x.y.z`.
 */
export function compareReleases(a: string, b: string): number {
  const parse = (v: string) => {
    const m = RELEASE.exec(v);
    if (!m) throw new Error(`${JSON.stringify(v)} is not a release such as 5.0.9`);
    return m.slice(1, 4).map(Number);
  };
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** Which nodes an upgrade to `target` restarts, and which already run a newer release (a downgrade it refuses). */
export interface UpgradeTargets {
  /** Nodes running an older release, in the order given. */
  upgrade: string[];
  /** Nodes already at `target`. */
  current: string[];
  /** Nodes running a newer release: the product does not downgrade. */
  newer: { node: string; version: string }[];
}

/** Sorts nodes by the release each reports against the spec's `target` patch release. Pure. */
export function decideUpgradeTargets(versions: readonly { node: string; version: string }[], target: string): UpgradeTargets {
  const upgrade: string[] = [];
  const current: string[] = [];
  const newer: UpgradeTargets['newer'] = [];
  for (const { node, version } of versions) {
    const order = compareReleases(version, target);
    if (order < 0) upgrade.push(node);
    else if (order === 0) current.push(node);
    else newer.push({ node, version });
  }
  return { upgrade, current, newer };
}
