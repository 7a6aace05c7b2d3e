import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A DynamoDB document client for the library's stores. `maxAttempts: 1`
 * because each store makes its own single, time-boxed retry: the SDK's
 * default of three attempts with backoff would multiply a slow store's
 * delay past the invocation's deadline.
 * @param endpoint a local DynamoDB (dynalite) URL; AWS when absent.
 */
export const createDocumentClient = (
  endpoint?: string,
): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, maxAttempts: 1 }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
