import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../../errors';
import { requireMillis } from '../../options';
import {
  type PermitStore,
  type SlotClaim,
  slotKey,
  type TakeRequest,
} from './permitStore';

/** Options of a {@link DynamoDbPermitStore}. */
export interface DynamoDbPermitStoreOptions {
  /**
   * A document client whose DynamoDB client has `maxAttempts: 1`: a slow
   * store must fail within one call timeout, not after SDK retries.
   */
  client: DynamoDBDocumentClient;
  /** A table with a string partition key `pk` (the breaker table will do). */
  tableName: string;
  /** How long one DynamoDB call may take before it is abandoned. @default 200 */
  callTimeoutInMillis?: number;
}

const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: unknown } | undefined)?.name ===
  'ConditionalCheckFailedException';

/**
 * A {@link PermitStore} in DynamoDB: one item per slot, keyed
 * `bulkhead#<name>#<slot>`. Taking is one conditional put, giving back one
 * conditional delete; no transactions, no TTL deletion needed (an expired
 * lease is free by its timestamp). `expiresAt` is set for tables with TTL
 * on, so slots of dead environments are eventually removed.
 */
export class DynamoDbPermitStore implements PermitStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly callTimeoutInMillis: number;

  constructor(options: DynamoDbPermitStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.callTimeoutInMillis = requireMillis(
      'callTimeoutInMillis',
      options.callTimeoutInMillis ?? 200,
      1,
    );
  }

  async tryTake(request: TakeRequest, signal?: AbortSignal): Promise<boolean> {
    const command = new PutCommand({
      TableName: this.tableName,
      Item: {
        pk: slotKey(request.bulkheadName, request.slot),
        ownerId: request.ownerId,
        leaseExpiresAtInMillis: request.leaseExpiresAtInMillis,
        expiresAt: Math.ceil(request.leaseExpiresAtInMillis / 1_000),
      },
      ConditionExpression:
        'attribute_not_exists(pk) OR leaseExpiresAtInMillis < :now',
      ExpressionAttributeValues: { ':now': request.nowInMillis },
    });
    try {
      await this.client.send(command, { abortSignal: this.signal(signal) });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw this.unavailable('take', error);
    }
  }

  async give(claim: SlotClaim): Promise<void> {
    const command = new DeleteCommand({
      TableName: this.tableName,
      Key: { pk: slotKey(claim.bulkheadName, claim.slot) },
      ConditionExpression: 'ownerId = :owner',
      ExpressionAttributeValues: { ':owner': claim.ownerId },
    });
    try {
      await this.client.send(command, { abortSignal: this.signal() });
    } catch (error) {
      if (isConditionFailure(error)) return;
      throw this.unavailable('give back', error);
    }
  }

  private signal(outer?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.callTimeoutInMillis);
    return outer === undefined ? timeout : AbortSignal.any([outer, timeout]);
  }

  private unavailable(
    operation: string,
    cause: unknown,
  ): StoreUnavailableError {
    return new StoreUnavailableError(
      `could not ${operation} a bulkhead permit in ${this.callTimeoutInMillis} ms`,
      { cause },
    );
  }
}
