import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRequests } from '../../../bench/dynamoDbRequests';
import { freshTable, localDocumentClient } from '../../support/dynamodb';

describe('countRequests on dynalite', () => {
  let tableName: string;

  beforeAll(async () => {
    tableName = await freshTable('benchcount');
  });

  it('counts gets as reads and updates as writes', async () => {
    const client = localDocumentClient();
    const counts = countRequests(client);
    const Key = { pk: 'breaker#counted' };

    await client.send(new GetCommand({ TableName: tableName, Key }));
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key,
        UpdateExpression: 'SET #v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': 1 },
      }),
    );
    await client.send(new GetCommand({ TableName: tableName, Key }));

    expect(counts).toEqual({ reads: 2, writes: 1, other: 0 });
  });

  it('counts a request that DynamoDB refuses', async () => {
    const client = localDocumentClient();
    const counts = countRequests(client);

    const refused = client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: 'breaker#refused' },
        UpdateExpression: 'SET #v = :v',
        ConditionExpression: 'attribute_exists(#v)',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': 1 },
      }),
    );

    await expect(refused).rejects.toThrow();
    expect(counts.writes).toBe(1);
  });
});
