/** How a role's actions and the actions a run recorded meet. */
export interface RoleCoverage {
  /** Recorded actions no action of the role allows: Azure would refuse the app these calls. */
  notAllowed: string[];
  /** Role actions that matched no recorded action and are not exempted: privileges nothing used. */
  neverRecorded: string[];
  /** Exemptions that no longer hold: the action was recorded after all, or the role lacks it. */
  staleExemptions: string[];
}

/**
 * True when one of `roleActions` allows `action`. Azure compares actions case-insensitively, and
 * a `*` in a role's action matches any run of characters, `/` included (`Microsoft.Compute/*`).
 */
export function isAllowedBy(action: string, roleActions: readonly string[]): boolean {
  return roleActions.some((granted) => patternOf(granted).test(action));
}

/**
 * Compares a role with the actions recorded over a run. `exemptions` maps role actions the run
 * is known not to take to the reason why; an exemption is stale once its action is recorded or
 * leaves the role, so the list cannot outlive its reasons. Each list is sorted.
 */
export function evaluateRoleCoverage(roleActions: readonly string[], recorded: readonly string[],
  exemptions: Readonly<Record<string, string>>): RoleCoverage {
  const exempt = new Set(Object.keys(exemptions).map((a) => a.toLowerCase()));
  const inRole = new Set(roleActions.map((a) => a.toLowerCase()));
  const used = (granted: string) => recorded.some((action) => patternOf(granted).test(action));
  return {
    notAllowed: distinct(recorded.filter((action) => !isAllowedBy(action, roleActions))),
    neverRecorded: distinct(roleActions.filter((granted) => !exempt.has(granted.toLowerCase()) && !used(granted))),
    staleExemptions: distinct(Object.keys(exemptions).filter((a) => !inRole.has(a.toLowerCase()) || used(a))),
  };
}

/** True when the role allows every recorded action, every action was used or exempted, and no exemption is stale. */
export function isRoleCovered(coverage: RoleCoverage): boolean {
  return coverage.notAllowed.length + coverage.neverRecorded.length + coverage.staleExemptions.length === 0;
}

/** The problems of a coverage, one line each, naming every action concerned; empty when there are none. */
export function renderRoleCoverage(coverage: RoleCoverage): string {
  const line = (what: string, actions: string[]) => (actions.length ? `${what}: ${actions.join(', ')}` : '');
  return [
    line('called but not allowed by the role (Azure would refuse them)', coverage.notAllowed),
    line('in the role but never called (remove them, or exempt them with the reason)', coverage.neverRecorded),
    line('exempted but called after all, or no longer in the role', coverage.staleExemptions),
  ].filter(Boolean).join('\n');
}

function patternOf(granted: string): RegExp {
  const source = granted.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 'i');
}

function distinct(actions: string[]): string[] {
  const byKey = new Map(actions.map((a) => [a.toLowerCase(), a] as const));
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}
