import { InvalidUpstreamResponseError } from '../errors';

/**
 * Reads a response body as text, refusing bodies over `maxBytes` without
 * buffering them: a runaway or hostile service cannot exhaust memory.
 * @throws {InvalidUpstreamResponseError} when the body is too large.
 */
export const readBodyWithLimit = async (
  response: Response,
  maxBytes: number,
): Promise<string> => {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  if (response.body === null) return '';

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let receivedBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    receivedBytes += value.byteLength;
    if (receivedBytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, receivedBytes).toString('utf8');
};

const tooLarge = (maxBytes: number) =>
  new InvalidUpstreamResponseError(`response body exceeds ${maxBytes} bytes`);
