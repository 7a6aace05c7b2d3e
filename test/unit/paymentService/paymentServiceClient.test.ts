import { describe, expect, it, vi } from 'vitest';
import {
  ConfigurationError,
  InvalidUpstreamResponseError,
  PaymentNotFoundError,
  UpstreamNetworkError,
  UpstreamStatusError,
} from '../../../src/errors';
import { PaymentServiceClient } from '../../../src/paymentService/paymentServiceClient';

const status = { paymentId: 'pay_1', status: 'captured' };

const clientAnswering = (response: Response | Error) => {
  const fetch = vi.fn(
    async (_url: string | URL | Request, _init?: RequestInit) => {
      if (response instanceof Error) throw response;
      return response;
    },
  );
  const client = new PaymentServiceClient({
    baseUrl: 'http://127.0.0.1:9/api/',
    fetch: fetch as unknown as typeof globalThis.fetch,
    maxBodyBytes: 64,
    now: () => 0,
  });
  return { client, fetch };
};

// The default 1 MiB body limit, for bodies larger than the 64 bytes above.
const clientWithoutLimit = (body: string) =>
  new PaymentServiceClient({
    baseUrl: 'http://127.0.0.1:9',
    fetch: (async () => new Response(body)) as typeof fetch,
  });

describe('PaymentServiceClient', () => {
  describe('getStatus', () => {
    it('returns the JSON object of a 200 answer', async () => {
      const { client } = clientAnswering(Response.json(status));

      await expect(client.getStatus('pay_1')).resolves.toEqual(status);
    });

    it('encodes the identifier into the URL and passes the signal', async () => {
      const { client, fetch } = clientAnswering(Response.json(status));
      const { signal } = new AbortController();

      await client.getStatus('a/b c', { signal });

      const [url, init] = fetch.mock.calls[0] ?? [];
      expect(url).toBe('http://127.0.0.1:9/api/status/a%2Fb%20c');
      expect(init?.signal).toBe(signal);
    });

    it('turns a 404 into PaymentNotFoundError', async () => {
      const { client } = clientAnswering(new Response('', { status: 404 }));

      await expect(client.getStatus('x')).rejects.toBeInstanceOf(
        PaymentNotFoundError,
      );
    });

    it('turns a 429 into a retryable status error carrying Retry-After', async () => {
      const response = new Response('', {
        status: 429,
        headers: { 'retry-after': '2' },
      });
      const { client } = clientAnswering(response);

      const error = await client.getStatus('x').catch((e) => e);

      expect(error).toBeInstanceOf(UpstreamStatusError);
      expect(error).toMatchObject({
        statusCode: 429,
        retryable: true,
        retryAfterInMillis: 2_000,
      });
    });

    it('marks a 400 from the service as not retryable', async () => {
      const { client } = clientAnswering(new Response('', { status: 400 }));

      await expect(client.getStatus('x')).rejects.toMatchObject({
        statusCode: 400,
        retryable: false,
      });
    });

    it.each([
      ['not JSON', 'oops'],
      ['an array', '[1,2]'],
      ['null', 'null'],
      ['a string', '"captured"'],
    ])('rejects a body that is %s', async (_label, body) => {
      const { client } = clientAnswering(new Response(body));

      await expect(client.getStatus('x')).rejects.toBeInstanceOf(
        InvalidUpstreamResponseError,
      );
    });

    it('rejects an object nested too deeply to answer with', async () => {
      const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;

      await expect(clientWithoutLimit(deep).getStatus('x')).rejects.toThrow(
        /nested too deeply/,
      );
    });

    it('accepts an object with a few nested levels', async () => {
      const nested = { ...status, card: { brand: 'visa', meta: { a: [1] } } };
      const client = clientWithoutLimit(JSON.stringify(nested));

      await expect(client.getStatus('x')).resolves.toEqual(nested);
    });

    it('rejects a body larger than the limit without a content-length', async () => {
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i += 1) {
            controller.enqueue(new TextEncoder().encode('0123456789'));
          }
          controller.close();
        },
      });
      const { client } = clientAnswering(new Response(stream));

      await expect(client.getStatus('x')).rejects.toThrow(/exceeds 64 bytes/);
    });

    it('rejects a declared content-length over the limit', async () => {
      const response = new Response('{}', {
        headers: { 'content-length': '1000' },
      });
      const { client } = clientAnswering(response);

      await expect(client.getStatus('x')).rejects.toBeInstanceOf(
        InvalidUpstreamResponseError,
      );
    });

    it('wraps a connection failure in UpstreamNetworkError', async () => {
      const { client } = clientAnswering(new TypeError('fetch failed'));

      const error = await client.getStatus('x').catch((e) => e);

      expect(error).toBeInstanceOf(UpstreamNetworkError);
      expect(error.cause).toBeInstanceOf(TypeError);
    });

    it('surfaces the abort reason when its signal aborted', async () => {
      const controller = new AbortController();
      const reason = new Error('attempt timed out');
      controller.abort(reason);
      const { client } = clientAnswering(new DOMException('aborted'));

      await expect(
        client.getStatus('x', { signal: controller.signal }),
      ).rejects.toBe(reason);
    });
  });

  describe('constructor', () => {
    it.each(['not a url', 'ftp://example.com'])(
      'refuses the base URL %j',
      (baseUrl) => {
        expect(() => new PaymentServiceClient({ baseUrl })).toThrow(
          ConfigurationError,
        );
      },
    );

    it('refuses a non-positive body limit', () => {
      expect(
        () =>
          new PaymentServiceClient({
            baseUrl: 'http://127.0.0.1',
            maxBodyBytes: 0,
          }),
      ).toThrow(ConfigurationError);
    });
  });
});
