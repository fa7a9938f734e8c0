// Outputs in the exact layouts Cassandra 5.0's nodetool prints (tools/nodetool Status, Info,
// TpStats, CompactionStats and coreutils `df -P -B1`), with loopback addresses as the local
// stack uses them. Column padding is kept byte for byte: the parsers must cope with it.

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
