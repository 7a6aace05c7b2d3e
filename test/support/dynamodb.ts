import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../local/table';

/** The endpoint of the dynalite that the integration setup started. */
export const localEndpoint = (): string => inject('dynamoDbEndpoint');

/** A raw client for the test dynalite, with dummy credentials. */
export const localClient = (endpoint = localEndpoint()): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

/** A document client for the test dynalite. */
export const localDocumentClient = (
  endpoint = localEndpoint(),
): DynamoDBDocumentClient => DynamoDBDocumentClient.from(localClient(endpoint));

/** Creates a table with a fresh name, so each test file starts empty. */
export const freshTable = async (prefix = 'test'): Promise<string> => {
  const tableName = `${prefix}-${randomUUID()}`;
  await ensureTable(localClient(), tableName);
  return tableName;
};
