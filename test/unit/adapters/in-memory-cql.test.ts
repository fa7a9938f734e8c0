import { InMemoryCql } from '../../../shared/adapters/memory/in-memory-cql.js';
import { describeCqlContract } from '../../contract/cql-contract.js';

const node = { privateIp: '127.44.1.4', dc: 'dc1', rack: 'rack1' };
const cql = new InMemoryCql('cql-contract', [{ address: node.privateIp, dc: node.dc, rack: node.rack }]);
describeCqlContract('InMemoryCql', () => ({
  cql, node, clusterName: 'cql-contract',
  target: { contactPoints: [node.privateIp], localDataCenter: node.dc, contactPointsOnly: true,
    credentials: { username: 'cassandra', password: 'cassandra' } },
}));
