import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshTable, localClient } from '../support/dynamodb';

describe('the integration harness', () => {
  it('creates a fresh table in the local DynamoDB', async () => {
    const tableName = await freshTable('smoke');

    const { TableNames } = await localClient().send(new ListTablesCommand({}));

    expect(TableNames).toContain(tableName);
  });
});
