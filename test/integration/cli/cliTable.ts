import { DynamoDbBreakerStore } from '../../../src/breaker/store/dynamoDbBreakerStore';
import { freshTable, localDocumentClient } from '../../support/dynamodb';

/**
 * A fresh breaker table for one CLI test file, and a store on it through
 * which the test arranges breakers and checks what the CLI wrote.
 */
export const cliTable = async () => {
  const tableName = await freshTable('cli');
  const store = new DynamoDbBreakerStore({
    tableName,
    client: localDocumentClient(),
    timeoutInMillis: 5_000,
  });
  return { tableName, store };
};
