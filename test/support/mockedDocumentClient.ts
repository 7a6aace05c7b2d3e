import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * A document client built like the library's (one attempt, no SDK retries)
 * whose requests are answered by aws-sdk-client-mock, and that mock.
 */
export const mockedDocumentClient = () => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', maxAttempts: 1 }),
  );
  return { client, mock: mockClient(client) };
};
