import type { TestProject } from 'vitest/node';
import { startLocalDynamoDb } from '../../local/dynamodb';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

/** Starts one in-memory dynalite for the integration tests; each file makes its own table. */
export default async function setup(project: TestProject) {
  const dynamoDb = await startLocalDynamoDb();
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
  return () => dynamoDb.close();
}
