import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../local/table';

/** Creates a breaker table with a fresh name, so each run starts empty. */
export const freshTable = async (
  endpoint: string,
  prefix: string,
): Promise<string> => {
  const tableName = `${prefix}-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint, maxAttempts: 1 });
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
  return tableName;
};
