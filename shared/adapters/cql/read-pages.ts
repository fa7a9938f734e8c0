import type cassandra from 'cassandra-driver';

/**
 * Runs a query and yields its result page by page until Cassandra gives no paging state. The
 * driver's own async iterator stops at the first empty page, but Cassandra does not promise full
 * pages: an empty one may still carry a paging state, and the rows after it would be missed.
 */
export async function* readPages(client: cassandra.Client, query: string, params: unknown[],
  options: cassandra.QueryOptions): AsyncGenerator<cassandra.types.ResultSet> {
  let pageState: string | undefined;
  do {
    const page = await client.execute(query, params, { ...options, ...(pageState ? { pageState } : {}) });
    yield page;
    pageState = page.pageState ?? undefined;
  } while (pageState);
}
