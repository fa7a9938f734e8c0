// Recorded verbatim from a real three-node Cassandra 5.0.9 cluster on the local stack (Cassandra
// guests, nodetool and df run through the guest's Run Command), 2026-11-22.
export const REAL_STATUS = `Datacenter: dc1
===============
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address     Load        Tokens  Owns (effective)  Host ID                               Rack 
UN  127.1.77.6  99.29 KiB   16      76.0%             aebaa5d1-29d6-462a-8a4d-5f7d8544d4a5  rack3
UN  127.1.77.4  114.66 KiB  16      64.7%             7f9172d5-e051-4fa3-bf62-1420efbafc2a  rack1
UN  127.1.77.5  62.66 KiB   16      59.3%             25a8ea85-e378-4579-9373-1f65146245ef  rack2

`;
export const REAL_INFO = `ID                     : 7f9172d5-e051-4fa3-bf62-1420efbafc2a
Gossip active          : true
Native Transport active: true
Load                   : 114.66 KiB
Uncompressed load      : 151.88 KiB
Generation No          : 1795329798
Uptime (seconds)       : 78
Heap Memory (MB)       : 87.35 / 384.00
Off Heap Memory (MB)   : 0.00
Data Center            : dc1
Rack                   : rack1
Exceptions             : 0
Key Cache              : entries 8, size 640 bytes, capacity 19 MiB, 78 hits, 85 requests, 0.918 recent hit rate, 14400 save period in seconds
Row Cache              : entries 0, size 0 bytes, capacity 0 bytes, 0 hits, 0 requests, NaN recent hit rate, 0 save period in seconds
Counter Cache          : entries 0, size 0 bytes, capacity 9 MiB, 0 hits, 0 requests, NaN recent hit rate, 7200 save period in seconds
Network Cache          : size 8 MiB, overflow size: 0 bytes, capacity 24 MiB
Percent Repaired       : 100.0%
Token                  : (invoke with -T/--tokens to see all 16 tokens)
Bootstrap state        : COMPLETED
Bootstrap failed       : false
Decommissioning        : false
Decommission failed    : false
`;
export const REAL_TPSTATS = `Pool Name                      Active Pending Completed Blocked All time blocked
MutationStage                  0      0       1         0       0               
ReadStage                      0      0       5         0       0               
CompactionExecutor             0      0       51        0       0               
SecondaryIndexExecutor         0      0       0         0       0               
MemtableReclaimMemory          0      0       27        0       0               
PendingRangeCalculator         0      0       4         0       0               
GossipStage                    0      0       149       0       0               
SecondaryIndexManagement       0      0       1         0       0               
HintsDispatcher                0      0       0         0       0               
StatusPropagationExecutor      0      0       0         0       0               
MigrationStage                 0      0       5         0       0               
MemtablePostFlush              0      0       43        0       0               
PerDiskMemtableFlushWriter_0   0      0       24        0       0               
ValidationExecutor             0      0       0         0       0               
Sampler                        0      0       0         0       0               
ViewBuildExecutor              0      0       0         0       0               
MemtableFlushWriter            0      0       27        0       0               
CacheCleanupExecutor           0      0       0         0       0               
Native-Transport-Auth-Requests 0      0       0         0       0               
Native-Transport-Requests      0      0       0         0       0               

Latencies waiting in queue (micros) per dropped message types
Message type                      Dropped     50%      95%      99%      Max     
READ_RSP                          0           0.0      0.0      0.0      0.0     
RANGE_REQ                         0           0.0      0.0      0.0      0.0     
PING_REQ                          0           9887.0   105778.0 105778.0 105778.0
PAXOS2_COMMIT_REMOTE_RSP          0           0.0      0.0      0.0      0.0     
PAXOS2_COMMIT_AND_PREPARE_RSP     0           0.0      0.0      0.0      0.0     
_SAMPLE                           0           0.0      0.0      0.0      0.0     
VALIDATION_RSP                    0           0.0      0.0      0.0      0.0     
SCHEMA_PULL_RSP                   0           0.0      0.0      0.0      0.0     
SYNC_RSP                          0           0.0      0.0      0.0      0.0     
PAXOS2_CLEANUP_START_PREPARE_REQ  0           0.0      0.0      0.0      0.0     
PAXOS2_PREPARE_REFRESH_REQ        0           0.0      0.0      0.0      0.0     
SCHEMA_VERSION_REQ                0           0.0      0.0      0.0      0.0     
HINT_RSP                          0           0.0      0.0      0.0      0.0     
BATCH_REMOVE_RSP                  0           0.0      0.0      0.0      0.0     
PAXOS2_CLEANUP_RSP                0           0.0      0.0      0.0      0.0     
PAXOS2_CLEANUP_FINISH_PREPARE_RSP 0           0.0      0.0      0.0      0.0     
PAXOS_COMMIT_REQ                  0           0.0      0.0      0.0      0.0     
SNAPSHOT_RSP                      0           0.0      0.0      0.0      0.0     
COUNTER_MUTATION_REQ              0           0.0      0.0      0.0      0.0     
PAXOS2_PROPOSE_REQ                0           0.0      0.0      0.0      0.0     
GOSSIP_DIGEST_SYN                 0           3311.0   51012.0  545791.0 545791.0
PAXOS_PREPARE_REQ                 0           0.0      0.0      0.0      0.0     
PREPARE_MSG                       0           0.0      0.0      0.0      0.0     
PAXOS2_PREPARE_REFRESH_RSP        0           0.0      0.0      0.0      0.0     
PAXOS_COMMIT_RSP                  0           0.0      0.0      0.0      0.0     
HINT_REQ                          0           0.0      0.0      0.0      0.0     
BATCH_REMOVE_REQ                  0           0.0      0.0      0.0      0.0     
STATUS_RSP                        0           0.0      0.0      0.0      0.0     
READ_REPAIR_RSP                   0           0.0      0.0      0.0      0.0     
PAXOS2_PROPOSE_RSP                0           0.0      0.0      0.0      0.0     
GOSSIP_DIGEST_ACK2                0           2759.0   11864.0  51012.0  51012.0 
CLEANUP_MSG                       0           0.0      0.0      0.0      0.0     
REQUEST_RSP                       0           0.0      0.0      0.0      0.0     
TRUNCATE_RSP                      0           0.0      0.0      0.0      0.0     
UNUSED_CUSTOM_VERB                0           0.0      0.0      0.0      0.0     
REPLICATION_DONE_RSP              0           0.0      0.0      0.0      0.0     
SNAPSHOT_REQ                      0           0.0      0.0      0.0      0.0     
ECHO_REQ                          0           3311.0   3973.0   3973.0   3973.0  
PAXOS2_REPAIR_REQ                 0           0.0      0.0      0.0      0.0     
PAXOS2_CLEANUP_COMPLETE_RSP       0           0.0      0.0      0.0      0.0     
PREPARE_CONSISTENT_REQ            0           0.0      0.0      0.0      0.0     
FAILURE_RSP                       0           0.0      0.0      0.0      0.0     
BATCH_STORE_RSP                   0           0.0      0.0      0.0      0.0     
SCHEMA_PUSH_RSP                   0           0.0      0.0      0.0      0.0     
MUTATION_RSP                      0           0.0      0.0      0.0      0.0     
FINALIZE_PROPOSE_MSG              0           0.0      0.0      0.0      0.0     
ECHO_RSP                          0           1331.0   3311.0   3311.0   3311.0  
PAXOS2_REPAIR_RSP                 0           0.0      0.0      0.0      0.0     
INTERNAL_RSP                      0           0.0      0.0      0.0      0.0     
FAILED_SESSION_MSG                0           0.0      0.0      0.0      0.0     
PAXOS2_CLEANUP_COMPLETE_REQ       0           0.0      0.0      0.0      0.0     
_TRACE                            0           0.0      0.0      0.0      0.0     
SCHEMA_VERSION_RSP                0           0.0      0.0      0.0      0.0     
FINALIZE_COMMIT_MSG               0           0.0      0.0      0.0      0.0     
SNAPSHOT_MSG                      0           0.0      0.0      0.0      0.0     
PREPARE_CONSISTENT_RSP            0           0.0      0.0      0.0      0.0     
PAXOS_PROPOSE_REQ                 0           0.0      0.0      0.0      0.0     
PAXOS_PREPARE_RSP                 0           0.0      0.0      0.0      0.0     
MUTATION_REQ                      0           0.0      0.0      0.0      0.0     
PAXOS2_CLEANUP_RSP2               0           0.0      0.0      0.0      0.0     
READ_REQ                          0           42510.0  42510.0  42510.0  42510.0 
PING_RSP                          0           0.0      0.0      0.0      0.0     
PAXOS2_COMMIT_REMOTE_REQ          0           0.0      0.0      0.0      0.0     
RANGE_RSP                         0           0.0      0.0      0.0      0.0     
VALIDATION_REQ                    0           0.0      0.0      0.0      0.0     
SYNC_REQ                          0           0.0      0.0      0.0      0.0     
PAXOS2_PREPARE_RSP                0           0.0      0.0      0.0      0.0     
_TEST_1                           0           0.0      0.0      0.0      0.0     
GOSSIP_SHUTDOWN                   0           0.0      0.0      0.0      0.0     
PAXOS2_CLEANUP_START_PREPARE_RSP  0           0.0      0.0      0.0      0.0     
TRUNCATE_REQ                      0           0.0      0.0      0.0      0.0     
_TEST_2                           0           0.0      0.0      0.0      0.0     
GOSSIP_DIGEST_ACK                 0           3311.0   14237.0  61214.0  61214.0 
PAXOS2_CLEANUP_REQ                0           0.0      0.0      0.0      0.0     
SCHEMA_PUSH_REQ                   0           0.0      0.0      0.0      0.0     
FINALIZE_PROMISE_MSG              0           0.0      0.0      0.0      0.0     
PAXOS2_CLEANUP_FINISH_PREPARE_REQ 0           0.0      0.0      0.0      0.0     
PAXOS2_PREPARE_REQ                0           0.0      0.0      0.0      0.0     
BATCH_STORE_REQ                   0           0.0      0.0      0.0      0.0     
COUNTER_MUTATION_RSP              0           0.0      0.0      0.0      0.0     
REPAIR_RSP                        0           0.0      0.0      0.0      0.0     
PAXOS2_COMMIT_AND_PREPARE_REQ     0           0.0      0.0      0.0      0.0     
STATUS_REQ                        0           0.0      0.0      0.0      0.0     
SCHEMA_PULL_REQ                   0           4768.0   20501.0  20501.0  20501.0 
READ_REPAIR_REQ                   0           0.0      0.0      0.0      0.0     
REPLICATION_DONE_REQ              0           0.0      0.0      0.0      0.0     
PAXOS_PROPOSE_RSP                 0           0.0      0.0      0.0      0.0     
`;
export const REAL_COMPACTIONSTATS = `concurrent compactors            2          
pending tasks                    0          
compactions completed            1          
data compacted                   827        
compressed data compacted        854        
compactions aborted              0          
compactions reduced              0          
sstables dropped from compaction 0          
15 minute rate                   0.06/minute
mean rate                        49.60/hour 
compaction throughput (MiB/s)    64.0       
`;
export const REAL_DF = `Filesystem         1-blocks        Used   Available Capacity Mounted on
/dev/vda       270553174016 13154615296 84638679040      14% /
`;

// Variants for the odd cases, in the same layouts (Status.java, Info.java, CompactionStats.java
// of 4.x/5.0), with the fields nodetool prints for them: `?` load for a down node, `Token`
// instead of `Tokens` with one token per node, `Owns` without a keyspace, a DC with no rows.

/** Three nodes, one DC, three racks, vnodes (`Tokens` column, effective ownership). */
export const STATUS_THREE_UP = `Datacenter: dc1
===============
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address    Load        Tokens  Owns (effective)  Host ID                               Rack
UN  127.1.0.4  104.34 KiB  16      100.0%            2c9b7f0e-7f8a-4f9f-9d9f-0123456789ab  rack1
UN  127.1.0.5  98.12 KiB   16      100.0%            7d1e5b8a-1c2d-4e3f-8a9b-abcdefabcdef  rack2
UN  127.1.0.6  110.5 KiB   16      100.0%            e4f5a6b7-c8d9-4aeb-9fcd-112233445566  rack3

`;

/** The same ring seen by node 4 after node 6's process was killed: load unknown (`?`). */
export const STATUS_ONE_DOWN = `Datacenter: dc1
===============
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address    Load        Tokens  Owns (effective)  Host ID                               Rack
UN  127.1.0.4  104.34 KiB  16      100.0%            2c9b7f0e-7f8a-4f9f-9d9f-0123456789ab  rack1
UN  127.1.0.5  98.12 KiB   16      100.0%            7d1e5b8a-1c2d-4e3f-8a9b-abcdefabcdef  rack2
DN  127.1.0.6  ?           16      100.0%            e4f5a6b7-c8d9-4aeb-9fcd-112233445566  rack3

`;

/** Two DCs, one token per node (`Token` column), ownership without a keyspace: the Note line. */
export const STATUS_TWO_DC_TOKEN_PER_NODE = `Datacenter: dc1
===============
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address    Load       Owns    Host ID                               Token                                    Rack
UN  127.1.0.4  1.02 MiB   ?       2c9b7f0e-7f8a-4f9f-9d9f-0123456789ab  -9223372036854775808                     rack1
UJ  127.1.0.7  312 bytes  ?       0a0b0c0d-0e0f-4011-8213-141516171819  -3074457345618258603                     rack1
Datacenter: dc2
===============
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address    Load       Owns    Host ID                               Token                                    Rack
UL  127.2.0.4  2.5 GiB    ?       9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a  3074457345618258602                      rack-a b
DN  127.2.0.5  ?          ?       null                                  3074457345618258700                      rack-b

Note: Non-system keyspaces don't have the same replication settings, effective ownership information is meaningless
`;

/** A DC header with no rows under it (every node of dc2 removed), and a `?` status. */
export const STATUS_EMPTY_DC = `Datacenter: dc1
===============
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address    Load        Tokens  Owns (effective)  Host ID                               Rack
?N  127.1.0.4  104.34 KiB  16      100.0%            2c9b7f0e-7f8a-4f9f-9d9f-0123456789ab  rack1
Datacenter: dc2
===============
Status=Up/Down
|/ State=Normal/Leaving/Joining/Moving
--  Address    Load        Tokens  Owns (effective)  Host ID                               Rack
`;

export const INFO_UP = `ID                     : 2c9b7f0e-7f8a-4f9f-9d9f-0123456789ab
Gossip active          : true
Native Transport active: true
Load                   : 104.34 KiB
Uptime (seconds)       : 3605
Heap Memory (MB)       : 161.44 / 500.00
Off Heap Memory (MB)   : 0.00
Data Center            : dc1
Rack                   : rack1
Exceptions             : 0
Key Cache              : entries 23, size 1.97 KiB, capacity 24 MiB, 112 hits, 143 requests, 0.783 recent hit rate, 14400 save period in seconds
Row Cache              : entries 0, size 0 bytes, capacity 0 bytes, 0 hits, 0 requests, NaN recent hit rate, 0 save period in seconds
Counter Cache          : entries 0, size 0 bytes, capacity 12 MiB, 0 hits, 0 requests, NaN recent hit rate, 7200 save period in seconds
Network Cache          : size 8 MiB, overflow size: 0 bytes, capacity 16 MiB
Percent Repaired       : 0.0%
Token                  : (invoke with -T/--tokens to see all 16 tokens)
`;

export const INFO_BINARY_DISABLED = INFO_UP.replace('Native Transport active: true', 'Native Transport active: false');

export const TPSTATS = `Pool Name                         Active Pending Completed Blocked All time blocked
ReadStage                              0       0        58       0                0
MutationStage                          0       0      1204       0                0
Native-Transport-Requests              0       0       391       0                0

Message type                      Dropped                  Latency waiting in queue (micros)
                                                         50%               95%               99%               Max
READ_RSP                               0                 0.00              0.00              0.00              0.00
MUTATION_REQ                          17               180.00           3311.00           4768.00           4768.00
COUNTER_MUTATION_REQ                   2                 0.00              0.00              0.00              0.00
HINT_REQ                               1                 0.00              0.00              0.00              0.00
MUTATION_RSP                           9                 0.00              0.00              0.00              0.00
READ_REQ                              40                 0.00              0.00              0.00              0.00
`;

export const COMPACTIONSTATS_5 = `concurrent compactors                 2
pending tasks                         7
ks1                   events          5
system                local           2
compactions completed                 40
data compacted                        1.21 MiB
compactions aborted                   0
compactions reduced                   0
sstables dropped from compaction      0
15 minute rate                        0.39/minute
mean rate                             0.94/hour
compaction throughput (MiB/s)         64.0
`;

export const COMPACTIONSTATS_4 = `pending tasks: 131
- ks1.events: 131

id                                   compaction type keyspace table  completed total    unit  progress
8a1e4d10-1b2c-11ef-9a3d-5f1e2d3c4b5a Compaction      ks1      events 1048576   4194304  bytes 25.00%
Active compaction remaining time :   0h00m03s
`;

export const DF_85 = `Filesystem          1-blocks        Used   Available Capacity Mounted on
/dev/sdc1       107374182400 91268055040 16106127360      85% /var/lib/cassandra
`;
