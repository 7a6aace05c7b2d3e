/** The parts of an HTTP response a last known good answer keeps. */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string | number | boolean>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

/** A successful answer, kept to be served stale while the dependency fails. */
export interface LastGoodAnswer {
  readonly response: HttpAnswer;
  /** When the answer was given, in epoch milliseconds. */
  readonly storedAtInMillis: number;
}

/** A value, or a promise of it: in-memory stores answer synchronously. */
export type Promisable<T> = T | Promise<T>;

/**
 * Where the fallback keeps last known good answers, by cache key. The store
 * bounds its size; the fallback checks the age of what it gets back.
 */
export interface LastGoodStore {
  /** The answer remembered under `key`, if any. */
  get(key: string): Promisable<LastGoodAnswer | undefined>;
  /** Remembers `answer` under `key`, replacing any older one. */
  put(key: string, answer: LastGoodAnswer): Promisable<void>;
}

/**
 * The response fields worth keeping, without undefined values (which a
 * DynamoDB document cannot hold) and with a copy of the headers, so later
 * middlewares cannot change what was remembered.
 */
export const toHttpAnswer = (response: HttpAnswer): HttpAnswer => {
  const answer: {
    -readonly [K in keyof HttpAnswer]: HttpAnswer[K];
  } = { statusCode: response.statusCode };
  if (response.headers !== undefined) answer.headers = { ...response.headers };
  if (response.body !== undefined) answer.body = response.body;
  if (response.isBase64Encoded !== undefined) {
    answer.isBase64Encoded = response.isBase64Encoded;
  }
  return answer;
};
