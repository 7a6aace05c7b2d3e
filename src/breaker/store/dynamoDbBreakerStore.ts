import {
  type DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  type UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Clock, systemClock } from '../../clock';
import { createDocumentClient } from '../../dynamoDb/documentClient';
import { isConditionFailure } from '../../dynamoDb/timeBoxed';
import { ConfigurationError } from '../../errors';
import type { BreakerRecord } from '../state';
import type {
  BreakerStore,
  CountUpdate,
  StoreCallOptions,
  Transition,
} from './breakerStore';
import { countUpdateCommand, transitionCommand } from './commands';
import { breakerKey, nameFromKey, recordFromItem } from './dynamoDbItem';
import {
  anyFailure,
  provenNotApplied,
  type RetryRule,
  type StoreRequestLimits,
  sendRequest,
} from './storeRequest';

/** Options of {@link DynamoDbBreakerStore}. */
export interface DynamoDbBreakerStoreOptions {
  /** The table; its key is the string partition key `pk`. */
  tableName: string;
  /**
   * The client to use. Create it with `maxAttempts: 1`: this store does its
   * own single retry and the SDK's would multiply it.
   * @default a client for `endpoint` (or AWS) with `maxAttempts: 1`
   */
  client?: DynamoDBDocumentClient;
  /** Endpoint of a local DynamoDB, when no client is given. @default AWS */
  endpoint?: string;
  /** Timeout of each request. @default 200 */
  timeoutInMillis?: number;
  /** Repeats of a failed request. @default 1 */
  maxRetries?: number;
  /** @default Date.now */
  clock?: Clock;
}

const validate = (options: DynamoDbBreakerStoreOptions): void => {
  if (!options.tableName) {
    throw new ConfigurationError('breaker store: tableName is required');
  }
  const timeout = options.timeoutInMillis ?? 200;
  const retries = options.maxRetries ?? 1;
  if (!(timeout > 0) || !Number.isInteger(retries) || retries < 0) {
    throw new ConfigurationError(
      'breaker store: timeoutInMillis must be > 0 and maxRetries >= 0',
    );
  }
};

/**
 * A {@link BreakerStore} on DynamoDB: one item per breaker (`pk` =
 * `breaker#<name>`), written only by single-item conditional UpdateItem
 * calls that return the new item, so a writer learns the state from its own
 * write. Uses no transactions, no TTL deletion and no
 * ReturnValuesOnConditionCheckFailure, so dynalite behaves like AWS.
 */
export class DynamoDbBreakerStore implements BreakerStore {
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly limits: StoreRequestLimits;

  constructor(options: DynamoDbBreakerStoreOptions) {
    validate(options);
    this.tableName = options.tableName;
    this.client = options.client ?? createDocumentClient(options.endpoint);
    this.limits = {
      timeoutInMillis: options.timeoutInMillis ?? 200,
      maxRetries: options.maxRetries ?? 1,
      now: options.clock ?? systemClock,
    };
  }

  async get(
    name: string,
    options?: StoreCallOptions,
  ): Promise<BreakerRecord | undefined> {
    const command = new GetCommand({
      TableName: this.tableName,
      Key: breakerKey(name),
      ConsistentRead: options?.consistentRead ?? false,
    });
    const { Item } = await this.send(
      (abortSignal) => this.client.send(command, { abortSignal }),
      options,
      anyFailure,
    );
    return Item === undefined ? undefined : recordFromItem(name, Item);
  }

  async addCounts(
    update: CountUpdate,
    options?: StoreCallOptions,
  ): Promise<BreakerRecord | undefined> {
    const command = countUpdateCommand(this.tableName, update);
    return this.update(update.name, command, options, provenNotApplied);
  }

  async transition(
    transition: Transition,
    options?: StoreCallOptions,
  ): Promise<BreakerRecord | undefined> {
    const command = transitionCommand(this.tableName, transition);
    return this.update(transition.expected.name, command, options, anyFailure);
  }

  async list(options?: StoreCallOptions): Promise<BreakerRecord[]> {
    const records: BreakerRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const command = this.scanPage(startKey);
      const page = await this.send(
        (abortSignal) => this.client.send(command, { abortSignal }),
        options,
        anyFailure,
      );
      for (const item of page.Items ?? []) {
        const name = nameFromKey(item.pk);
        if (name !== undefined) records.push(recordFromItem(name, item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return records;
  }

  private scanPage(startKey: Record<string, unknown> | undefined) {
    return new ScanCommand({
      TableName: this.tableName,
      FilterExpression: 'begins_with(#pk, :prefix)',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':prefix': 'breaker#' },
      ExclusiveStartKey: startKey,
    });
  }

  private async update(
    name: string,
    command: UpdateCommand,
    options: StoreCallOptions | undefined,
    mayRetry: RetryRule,
  ): Promise<BreakerRecord | undefined> {
    try {
      const { Attributes } = await this.send(
        (abortSignal) => this.client.send(command, { abortSignal }),
        options,
        mayRetry,
      );
      return Attributes === undefined
        ? undefined
        : recordFromItem(name, Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  private send<T>(
    request: (abortSignal: AbortSignal) => Promise<T>,
    options: StoreCallOptions | undefined,
    mayRetry: RetryRule,
  ): Promise<T> {
    return sendRequest(request, this.limits, options?.budgetInMillis, mayRetry);
  }
}
