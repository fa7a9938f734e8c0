import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';

/** A connection string (Azurite, keys), or the table endpoint with a credential (managed identity on Azure). */
export type TableConnection = { connectionString: string } | { tableServiceUri: string; credential: TokenCredential };

/** Where a store's tables are. */
export type TableStoreOptions = TableConnection & {
  /** Prefix of every table name (letters and digits), so several apps can share an account. */
  tablePrefix?: string;
};

/**
 * A client for one table of the app's storage account. Azurite listens on plain HTTP, which the
 * SDK refuses unless told: only a development connection string is allowed to use it.
 */
export function tableClient(connection: TableConnection, tableName: string): TableClient {
  if ('connectionString' in connection) {
    return TableClient.fromConnectionString(connection.connectionString, tableName,
      { allowInsecureConnection: /UseDevelopmentStorage|127\.0\.0\.1|localhost/.test(connection.connectionString) });
  }
  return new TableClient(connection.tableServiceUri, tableName, connection.credential);
}
