import { type Clock, systemClock } from '../clock';
import {
  ConfigurationError,
  InvalidUpstreamResponseError,
  PaymentNotFoundError,
  UpstreamNetworkError,
  UpstreamStatusError,
} from '../errors';
import { parseRetryAfter } from '../retry/retryAfter';
import { readBodyWithLimit } from './readBody';

/** A payment's status, as the payment service returns it. */
export type PaymentStatus = Record<string, unknown>;

/** Options of {@link PaymentServiceClient}. */
export interface PaymentServiceClientOptions {
  /** Base URL of the payment service, for example `https://payments.internal`. */
  baseUrl: string;
  /** Largest body accepted. @default 1048576 (1 MiB) */
  maxBodyBytes?: number;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Clock used to read HTTP-date `Retry-After` values. @default Date.now */
  now?: Clock;
}

/** Per-request options of {@link PaymentServiceClient.getStatus}. */
export interface RequestOptions {
  /** Aborts the request and releases its socket. */
  signal?: AbortSignal;
}

const defaultMaxBodyBytes = 1024 * 1024;

/**
 * The HTTP client of the payment service. It turns every outcome into either
 * a status object or a typed error, so the policies around it can decide
 * what to retry and what to count as a failure.
 */
export class PaymentServiceClient {
  private readonly baseUrl: string;
  private readonly maxBodyBytes: number;
  private readonly fetch: typeof fetch;
  private readonly now: Clock;

  constructor(options: PaymentServiceClientOptions) {
    this.baseUrl = validateBaseUrl(options.baseUrl);
    this.maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
    if (!Number.isInteger(this.maxBodyBytes) || this.maxBodyBytes <= 0) {
      throw new ConfigurationError('maxBodyBytes must be a positive integer');
    }
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? systemClock;
  }

  /**
   * `GET {baseUrl}/status/{paymentId}`.
   * @throws {PaymentNotFoundError} on 404.
   * @throws {UpstreamStatusError} on any other non-2xx status.
   * @throws {InvalidUpstreamResponseError} when a 2xx body is not a JSON object.
   * @throws {UpstreamNetworkError} when the connection fails.
   * @throws the signal's reason when the signal aborts.
   */
  async getStatus(
    paymentId: string,
    options: RequestOptions = {},
  ): Promise<PaymentStatus> {
    const url = `${this.baseUrl}/status/${encodeURIComponent(paymentId)}`;
    const { signal } = options;
    try {
      const response = await this.fetch(url, {
        signal,
        headers: { accept: 'application/json' },
      });
      return await this.readStatus(response);
    } catch (error) {
      throw toClientError(error, signal);
    }
  }

  private async readStatus(response: Response): Promise<PaymentStatus> {
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw this.statusError(response);
    }
    const text = await readBodyWithLimit(response, this.maxBodyBytes);
    return parseStatusObject(text);
  }

  private statusError(response: Response): Error {
    if (response.status === 404) {
      return new PaymentNotFoundError('payment not found');
    }
    const retryAfterInMillis = parseRetryAfter(
      response.headers.get('retry-after'),
      this.now,
    );
    return new UpstreamStatusError(response.status, { retryAfterInMillis });
  }
}

const validateBaseUrl = (baseUrl: string): string => {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigurationError(`invalid payment service URL: ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError('payment service URL must be http or https');
  }
  return url.href.replace(/\/+$/, '');
};

const parseStatusObject = (text: string): PaymentStatus => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new InvalidUpstreamResponseError('response body is not JSON', {
      cause: error,
    });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidUpstreamResponseError('response body is not an object');
  }
  if (nestingExceeds(body, maxNestingDepth)) {
    throw new InvalidUpstreamResponseError(
      'response body is nested too deeply',
    );
  }
  return body as PaymentStatus;
};

// A status is a shallow object. JSON.parse accepts any depth, but answering
// with a body nested a hundred thousand levels would overflow the stack of
// JSON.stringify, so such a body is the service's failure, found here.
const maxNestingDepth = 32;

const nestingExceeds = (root: object, maxDepth: number): boolean => {
  const pending: Array<[unknown, number]> = [[root, 1]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [value, depth] = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
};

const isOwnError = (error: unknown): boolean =>
  error instanceof PaymentNotFoundError ||
  error instanceof UpstreamStatusError ||
  error instanceof InvalidUpstreamResponseError;

// An aborted request surfaces the abort's own reason, so the timeout policy
// that aborted it can tell its own timeout from the invocation's end.
const toClientError = (error: unknown, signal?: AbortSignal): unknown => {
  if (signal?.aborted) return signal.reason ?? error;
  if (isOwnError(error)) return error;
  return new UpstreamNetworkError('payment service request failed', {
    cause: error,
  });
};
