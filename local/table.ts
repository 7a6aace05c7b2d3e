import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import tableSchema from '../src/breaker/store/tableSchema.json' with {
  type: 'json',
};

/**
 * Creates the breaker table if it does not exist yet, with the key schema
 * that serverless.yml deploys (both read `tableSchema.json`).
 * @returns true when the table was created, false when it already existed.
 */
export const ensureTable = async (
  client: DynamoDBClient,
  tableName: string,
): Promise<boolean> => {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: tableSchema.AttributeDefinitions,
      KeySchema: tableSchema.KeySchema,
      BillingMode: 'PAY_PER_REQUEST',
    } as ConstructorParameters<typeof CreateTableCommand>[0]),
  );
  return true;
};
