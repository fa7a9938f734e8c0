/** How fast the simulated Azure answers: `instant` for tests, `realistic` from observed Azure timings. */
export type ProfileName = 'instant' | 'realistic';

/** The operations whose duration the profile decides. */
export type LatencyKey =
  | 'resourceGroupDelete' | 'vnetPut' | 'subnetPut' | 'peeringPut' | 'nsgPut' | 'nicPut' | 'lbPut' | 'publicIpPut'
  | 'networkDelete' | 'vmCreate' | 'vmUpdate' | 'vmStart' | 'vmPowerOff' | 'vmRestart' | 'vmDeallocate' | 'vmDelete'
  | 'runCommand' | 'managedRunCommand' | 'diskPut' | 'diskDelete' | 'snapshotPut' | 'vpnGatewayPut' | 'vpnConnectionPut';

/**
 * Observed server-side durations in Azure, in ms (single samples from SDK test recordings:
 * VM create 62-77 s, Run Command 20-30 s with a documented floor of about 20 s, restart 40 s,
 * power off 13 s, start 6 s, deallocate 32 s, VNet ≤ 11 s, NIC and subnet about 1 s). A VPN
 * gateway took 30 min 40 s in a recording and Microsoft's tutorials say "45 minutes or more": by
 * far the slowest step of a deployment, which is why the deployment creates gateways beside the
 * VMs. A VNet-to-VNet connection has no recorded sample; a minute is an estimate.
 */
const REALISTIC_MS: Record<LatencyKey, number> = {
  resourceGroupDelete: 15_000, vnetPut: 10_000, subnetPut: 1_000, peeringPut: 5_000, nsgPut: 2_000, nicPut: 1_000,
  lbPut: 2_000, publicIpPut: 2_000, networkDelete: 5_000, vmCreate: 65_000, vmUpdate: 10_000, vmStart: 6_000,
  vmPowerOff: 13_000, vmRestart: 40_000, vmDeallocate: 32_000, vmDelete: 10_000, runCommand: 20_000,
  managedRunCommand: 30_000, diskPut: 3_000, diskDelete: 3_000, snapshotPut: 5_000, vpnGatewayPut: 1_840_000, vpnConnectionPut: 60_000,
};

/** Decides operation durations and poll hints for one profile. */
export interface LatencyProfile {
  readonly name: ProfileName;
  /** Duration of one operation, scaled, with ±10% jitter in the realistic profile. */
  delayFor(key: LatencyKey): number;
  /** `Retry-After` seconds to send on a poll of an operation with `remainingInMs` left; 0 = omit. */
  pollRetryAfterSeconds(remainingInMs: number): number;
  /** How long a status poll may wait for the operation to finish before answering. */
  readonly pollHoldInMs: number;
}

/** Builds a latency profile; `latencyScale` multiplies the realistic durations (1 = Azure-like). */
export function createLatencyProfile(name: ProfileName, latencyScale = 1): LatencyProfile {
  if (!(latencyScale >= 0 && Number.isFinite(latencyScale))) throw new Error(`latencyScale must be a finite number ≥ 0, got ${latencyScale}`);
  if (name === 'instant') {
    // Instant: work runs at once and a poll waits for it, so the SDK never sleeps between polls.
    return { name, delayFor: () => 0, pollRetryAfterSeconds: () => 0, pollHoldInMs: 2_000 };
  }
  return {
    name,
    delayFor: (key) => Math.round(REALISTIC_MS[key] * latencyScale * (0.9 + Math.random() * 0.2)),
    // Azure hints a poll interval on every in-progress answer, and the SDK keeps the last hint it
    // saw: omitting it near the end would leave a stale long interval. Rounded up, so one sleep covers the rest.
    pollRetryAfterSeconds: (remaining) => (remaining > 0 ? Math.min(10, Math.max(1, Math.ceil(remaining / 1_000))) : 0),
    pollHoldInMs: 0,
  };
}
