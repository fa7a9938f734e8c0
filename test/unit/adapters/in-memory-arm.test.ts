import { InMemoryArm, type AzureErrorLike, type ArmTwinCall } from '../../../shared/adapters/memory/in-memory-arm.js';
import { describeArmContract, type ArmFault } from '../../contract/arm-contract.js';

// The errors the SDK surfaces for the simulator's fault rules once its own retries are spent.
const FAULTS: Record<ArmFault, [ArmTwinCall, AzureErrorLike]> = {
  vmAllocationFailed: ['ensureVm', { code: 'AllocationFailed', message: 'No capacity for Standard_B2ms.' }],
  nsgThrottled: ['ensureNsg', { statusCode: 429, code: 'TooManyRequests', message: 'The request is being throttled.' }],
  vnetInternalError: ['ensureVnet', { statusCode: 500, code: 'InternalServerError', message: 'Injected failure.' }],
  vmReadThrottled: ['readVmStates', { statusCode: 429, code: 'TooManyRequests', message: 'The request is being throttled.' }],
  vmDeleteThrottled: ['deleteNode', { statusCode: 429, code: 'TooManyRequests', message: 'The request is being throttled.' }],
};

const arm = new InMemoryArm();
describeArmContract('InMemoryArm', () => ({
  arm,
  injectFault: async (fault) => arm.setFault(...FAULTS[fault]),
  clearFaults: async () => { for (const [call] of Object.values(FAULTS)) arm.setFault(call, undefined); },
  setPowerState: async (vm, state) => arm.setPowerState(vm, state),
  createGroupByHand: async (name, tags) => arm.createGroupByHand(name, tags),
  machineResources: async (group) => arm.machineResources(group),
  createVpnConnectionByHand: async (connection) => arm.createVpnConnectionByHand(connection),
}));
