import type { SimulatorContext } from './simulator-context.js';
import { powerStateOf, setPowerState, toGuestVm } from './providers/virtual-machine-guest.js';

const TRANSIENT = new Set(['Creating', 'Updating']);

/**
 * Brings state loaded from disk back to a steady state after a restart: operations that were in
 * flight are gone, so resources caught mid-create or mid-update complete, ones mid-delete are
 * removed, and every VM that should be running is handed to the guest driver again (drivers are
 * idempotent). Returns when the guests have been asked; guest failures are reported, not thrown.
 */
export async function recoverAfterRestart(ctx: SimulatorContext, onGuestError: (vmId: string, error: unknown) => void): Promise<void> {
  const vms: string[] = [];
  for (const r of ctx.store.all()) {
    const state = String(r.body.properties.provisioningState ?? '');
    if (state === 'Deleting') {
      ctx.store.delete(r.body.id);
      continue;
    }
    if (TRANSIENT.has(state)) {
      r.body.properties.provisioningState = 'Succeeded';
      ctx.store.put(r);
    }
    if (r.body.type === 'Microsoft.Compute/virtualMachines') vms.push(r.body.id);
  }
  await ctx.store.commit();
  await Promise.all(vms.map(async (id) => {
    const vm = ctx.store.get(id);
    if (!vm) return;
    const power = powerStateOf(vm);
    if (power === 'stopped' || power === 'deallocated') return;
    if (power === 'stopping') return setPowerState(ctx, id, 'stopped');
    if (power === 'deallocating') return setPowerState(ctx, id, 'deallocated');
    try {
      await ctx.guest.create(toGuestVm(ctx, vm));
      setPowerState(ctx, id, 'running');
    } catch (error) {
      onGuestError(id, error);
    }
  }));
  await ctx.store.commit();
}
