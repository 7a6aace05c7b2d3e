import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, timeBoxed } from '../../dynamoDb/timeBoxed';
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
  // Made once: the abort reason of every timed-out request.
  private readonly timeoutReason: StoreUnavailableError;

  constructor(options: DynamoDbPermitStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.callTimeoutInMillis = requireMillis(
      'callTimeoutInMillis',
      options.callTimeoutInMillis ?? 200,
      1,
    );
    this.timeoutReason = new StoreUnavailableError(
      `permit store did not answer within ${this.callTimeoutInMillis} ms`,
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
      await this.timeBoxed(
        (abortSignal) => this.client.send(command, { abortSignal }),
        signal,
      );
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
      await this.timeBoxed((abortSignal) =>
        this.client.send(command, { abortSignal }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return;
      throw this.unavailable('give back', error);
    }
  }

  private timeBoxed<T>(
    send: (abortSignal: AbortSignal) => Promise<T>,
    outer?: AbortSignal,
  ): Promise<T> {
    return timeBoxed(send, this.callTimeoutInMillis, this.timeoutReason, outer);
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
