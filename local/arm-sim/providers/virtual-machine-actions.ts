import { z } from 'zod';
import { ArmError } from '../arm-error.js';
import type { StoredResource } from '../resource-store.js';
import type { ActionOutcome, ResourceAction, SimulatorContext } from '../simulator-context.js';
import { parseBody } from './request-body.js';
import { packRunCommandResult } from './run-command-output.js';
import { instanceView, powerStateOf, setPowerState, toGuestVm, type PowerState } from './virtual-machine-guest.js';

const CONFLICT_MESSAGE = 'Run command extension execution is in progress. Please wait for completion before invoking a run command.';

const runCommandSchema = z.looseObject({
  commandId: z.string().min(1),
  script: z.array(z.string()).optional(),
  parameters: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
});

/** A power action: the transient state shown while it runs, the final state, and the guest call. */
function powerAction(transient: PowerState, final: PowerState, latency: 'vmStart' | 'vmPowerOff' | 'vmDeallocate' | 'vmRestart',
  guest: (ctx: SimulatorContext, vm: StoredResource, query: URLSearchParams) => Promise<void>, requireRunning = false): ResourceAction {
  return {
    method: 'POST',
    run(ctx, vm, _body, query): ActionOutcome {
      if (requireRunning && powerStateOf(vm) !== 'running') {
        throw new ArmError('OperationNotAllowed', `Operation '${latency === 'vmRestart' ? 'restart' : latency}' is not allowed on VM '${vm.body.name}' since the VM is ${powerStateOf(vm)}.`);
      }
      setPowerState(ctx, vm.body.id, transient);
      return {
        kind: 'lro', latency,
        work: async () => {
          await guest(ctx, ctx.store.get(vm.body.id) ?? vm, query);
          setPowerState(ctx, vm.body.id, final);
          return {};
        },
      };
    },
  };
}

/** The action form of Run Command: one script at a time per VM (409 Conflict otherwise). */
const runCommand: ResourceAction = {
  method: 'POST',
  run(ctx, vm, body): ActionOutcome {
    const input = parseBody(runCommandSchema, body);
    if (input.commandId !== 'RunShellScript' && input.commandId !== 'ifconfig') {
      throw new ArmError('NotFound', `The entity was not found in this Azure location. (commandId '${input.commandId}')`);
    }
    const power = powerStateOf(vm);
    if (power !== 'running') throw new ArmError('OperationNotAllowed', `Operation 'RunCommand' is not allowed on VM '${vm.body.name}' since the VM is ${power}.`);
    const key = vm.body.id.toLowerCase();
    if (ctx.runningScripts.has(key)) throw new ArmError('Conflict', CONFLICT_MESSAGE);
    ctx.runningScripts.add(key);
    const script = input.commandId === 'ifconfig' ? 'ip address show' : (input.script ?? []).join('\n');
    const parameters = Object.fromEntries((input.parameters ?? []).map((p) => [p.name, p.value]));
    return {
      kind: 'lro', latency: 'runCommand',
      work: async () => {
        try {
          return packRunCommandResult(await ctx.guest.runScript(toGuestVm(ctx, vm), script, { parameters, timeoutInMs: 90 * 60_000 }));
        } finally {
          ctx.runningScripts.delete(key);
        }
      },
    };
  },
};

/** VM actions by lower-cased name: power operations, instance view and Run Command. */
export const virtualMachineActions: Record<string, ResourceAction> = {
  start: powerAction('starting', 'running', 'vmStart', (ctx, vm) => ctx.guest.start(toGuestVm(ctx, vm))),
  poweroff: powerAction('stopping', 'stopped', 'vmPowerOff', (ctx, vm, q) => ctx.guest.powerOff(toGuestVm(ctx, vm), { skipShutdown: q.get('skipShutdown') === 'true' })),
  deallocate: powerAction('deallocating', 'deallocated', 'vmDeallocate', (ctx, vm) => ctx.guest.deallocate(toGuestVm(ctx, vm))),
  restart: powerAction('running', 'running', 'vmRestart', (ctx, vm) => ctx.guest.restart(toGuestVm(ctx, vm)), true),
  instanceview: { method: 'GET', run: (_ctx, vm) => ({ kind: 'sync', body: instanceView(vm) }) },
  runcommand: runCommand,
};
