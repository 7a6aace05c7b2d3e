import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Whether a DynamoDB command reads, writes, or does neither. */
export type RequestKind = 'read' | 'write' | 'other';

const reads = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'TransactGetItems',
]);
const writes = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

/** Classifies a command by the name the SDK gives it (`GetItemCommand`). */
export const requestKind = (commandName: string): RequestKind => {
  const operation = commandName.replace(/Command$/, '');
  if (reads.has(operation)) return 'read';
  if (writes.has(operation)) return 'write';
  return 'other';
};

/** DynamoDB requests counted at one client. */
export interface RequestCounts {
  reads: number;
  writes: number;
  other: number;
}

/** Zero counts. */
export const noRequests = (): RequestCounts => ({
  reads: 0,
  writes: 0,
  other: 0,
});

const field = { read: 'reads', write: 'writes', other: 'other' } as const;

/**
 * Counts every request `client` sends from now on, by kind, with a
 * middleware on its stack: what the store really asks of DynamoDB,
 * whatever layer above it caches.
 */
export const countRequests = (
  client: DynamoDBDocumentClient,
): RequestCounts => {
  const counts = noRequests();
  client.middlewareStack.add(
    (next, context) => (args) => {
      counts[field[requestKind(context.commandName ?? '')]] += 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
  return counts;
};

/** The sum of several clients' counts. */
export const totalRequests = (
  counts: readonly RequestCounts[],
): RequestCounts =>
  counts.reduce(
    (sum, c) => ({
      reads: sum.reads + c.reads,
      writes: sum.writes + c.writes,
      other: sum.other + c.other,
    }),
    noRequests(),
  );
