import { InMemoryCql } from '../../../shared/adapters/memory/in-memory-cql.js';
import { InMemoryRepairEngine } from '../../../shared/adapters/memory/in-memory-repair-engine.js';
import { describeCqlContract } from '../../contract/cql-contract.js';
import { FAKE_CA } from '../../support/cluster-ca-fixture.js';

const node = { privateIp: '127.44.1.4', dc: 'dc1', rack: 'rack1' };
const ring = new InMemoryRepairEngine({ keyspaces: [],
  nodes: [{ address: node.privateIp, hostId: '6f1c2a9e-1d0b-4c8e-9a57-3f0e2b7d4c11', dc: node.dc, rack: node.rack, tokens: ['-3074457345618258603'] }] });
const cql = new InMemoryCql('cql-contract', [{ address: node.privateIp, dc: node.dc, rack: node.rack }], ring);
describeCqlContract('InMemoryCql', () => ({
  cql, node, clusterName: 'cql-contract',
  target: { contactPoints: [node.privateIp], localDataCenter: node.dc, contactPointsOnly: true,
    credentials: { username: 'cassandra', password: 'cassandra' }, trustedCaPem: FAKE_CA.certPem },
  outside: {
    dropKeyspace: async (keyspace) => cql.dropKeyspace(keyspace),
    insertIds: async (keyspace, table, ids) => cql.putRows(keyspace, table, ids),
  },
}));
