import { InMemoryNodeAgent } from '../../../shared/adapters/memory/in-memory-node-agent.js';
import { describeNodeAgentContract } from '../../contract/node-agent-contract.js';

const agent = new InMemoryNodeAgent();
describeNodeAgentContract('InMemoryNodeAgent', () => ({
  agent,
  createVm: async (node) => agent.addVm(node),
  setStartFailure: async (node, stderr) => agent.setStartFailure(node, stderr),
  setFault: async (fault) => agent.setFault(fault),
}));
