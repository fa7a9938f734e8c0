import { readAzureError } from './classify-arm-error.js';

/** Runs a delete; a 404 (the resource or its group) or a ResourceNotFound from the LRO means it is already gone. */
export async function unlessGone(work: () => PromiseLike<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const { statusCode, azureCode } = readAzureError(error);
    if (statusCode !== 404 && azureCode !== 'ResourceNotFound') throw error;
  }
}

/** Runs a read; a 404 (the resource or its group) is a resource that does not exist: undefined. */
export async function readUnlessGone<T>(read: () => PromiseLike<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (readAzureError(error).statusCode === 404) return undefined;
    throw error;
  }
}
