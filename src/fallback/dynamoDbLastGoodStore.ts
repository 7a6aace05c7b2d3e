import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Clock, systemClock } from '../clock';
import { createDocumentClient } from '../dynamoDb/documentClient';
import { timeBoxed } from '../dynamoDb/timeBoxed';
import { ConfigurationError, StoreUnavailableError } from '../errors';
import { requireMillis } from '../options';
import type {
  HttpAnswer,
  LastGoodAnswer,
  LastGoodStore,
} from './lastGoodStore';

/** Options of {@link DynamoDbLastGoodStore}. */
export interface DynamoDbLastGoodStoreOptions {
  /** The table: string partition key `pk`, TTL attribute `expiresAt`. */
  tableName: string;
  /**
   * The client to use; give it `maxAttempts: 1`, since a slow store must not
   * hold up an answer.
   * @default a client for `endpoint` (or AWS) with `maxAttempts: 1`
   */
  client?: DynamoDBDocumentClient;
  /** Endpoint of a local DynamoDB, when no client is given. @default AWS */
  endpoint?: string;
  /** Timeout of each request; it is aborted after this long. @default 150 */
  timeoutInMillis?: number;
  /**
   * How long an item is kept: its `expiresAt` is the write time plus this.
   * Match the fallback's `maxAgeInMillis`.
   * @default 300000
   */
  retentionInMillis?: number;
  /** @default Date.now */
  now?: Clock;
}

/** Partition-key prefix of the items, so they share a table with others. */
export const lastGoodKeyPrefix = 'lastgood#';

/**
 * A {@link LastGoodStore} on DynamoDB, so every environment of the fleet can
 * serve an answer any of them saw. One item per key (`pk` =
 * `lastgood#<key>`) holding the response, `storedAtInMillis` and `expiresAt`
 * (epoch seconds, for the table's TTL; checked in code too, as TTL deletion
 * is lazy). Costs one write per successful call and one read per fallback.
 * Every request has its own timeout; failures surface as
 * {@link StoreUnavailableError}.
 */
export class DynamoDbLastGoodStore implements LastGoodStore {
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly timeoutInMillis: number;
  private readonly retentionInMillis: number;
  private readonly now: Clock;
  // Made once: the abort reason of every timed-out request.
  private readonly timeoutReason: StoreUnavailableError;

  /** @throws {ConfigurationError} when an option is missing or out of range. */
  constructor(options: DynamoDbLastGoodStoreOptions) {
    if (!options.tableName) {
      throw new ConfigurationError('last good store: tableName is required');
    }
    this.tableName = options.tableName;
    this.client = options.client ?? createDocumentClient(options.endpoint);
    this.timeoutInMillis = options.timeoutInMillis ?? 150;
    this.retentionInMillis = options.retentionInMillis ?? 300_000;
    this.now = options.now ?? systemClock;
    requireMillis('timeoutInMillis', this.timeoutInMillis, 1);
    requireMillis('retentionInMillis', this.retentionInMillis, 1);
    this.timeoutReason = new StoreUnavailableError(
      `last good store did not answer within ${this.timeoutInMillis} ms`,
    );
  }

  async get(key: string): Promise<LastGoodAnswer | undefined> {
    const command = new GetCommand({
      TableName: this.tableName,
      Key: { pk: lastGoodKeyPrefix + key },
    });
    const output = await this.withTimeout((abortSignal) =>
      this.client.send(command, { abortSignal }),
    );
    return this.answerFrom(output.Item);
  }

  async put(key: string, answer: LastGoodAnswer): Promise<void> {
    const expiresAtInMillis = answer.storedAtInMillis + this.retentionInMillis;
    const command = new PutCommand({
      TableName: this.tableName,
      Item: {
        pk: lastGoodKeyPrefix + key,
        response: answer.response,
        storedAtInMillis: answer.storedAtInMillis,
        expiresAt: Math.ceil(expiresAtInMillis / 1000),
      },
    });
    await this.withTimeout((abortSignal) =>
      this.client.send(command, { abortSignal }),
    );
  }

  private answerFrom(
    item: Record<string, unknown> | undefined,
  ): LastGoodAnswer | undefined {
    if (item === undefined) return undefined;
    if (Number(item.expiresAt) * 1000 <= this.now()) return undefined;
    return {
      response: item.response as HttpAnswer,
      storedAtInMillis: Number(item.storedAtInMillis),
    };
  }

  private async withTimeout<Output>(
    request: (abortSignal: AbortSignal) => Promise<Output>,
  ): Promise<Output> {
    try {
      return await timeBoxed(request, this.timeoutInMillis, this.timeoutReason);
    } catch (error) {
      throw new StoreUnavailableError('last good store request failed', {
        cause: error,
      });
    }
  }
}
