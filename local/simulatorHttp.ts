import type { IncomingMessage, ServerResponse } from 'node:http';

const maxBodyInBytes = 64 * 1024;

/** Writes a JSON answer. */
export const sendJson = (
  response: ServerResponse,
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

/** Writes an error in the `{"error":{"code","message"}}` shape. */
export const sendError = (
  response: ServerResponse,
  statusCode: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void =>
  sendJson(response, statusCode, { error: { code, message } }, headers);

const readText = (request: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyInBytes) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(
        size > maxBodyInBytes ? undefined : Buffer.concat(chunks).toString(),
      ),
    );
    request.on('error', reject);
  });

/**
 * Reads a JSON request body. Answers 400 or 413 itself and returns
 * undefined when the body is not usable.
 */
export const readJsonBody = async (
  request: IncomingMessage,
  response: ServerResponse,
): Promise<unknown> => {
  const text = await readText(request);
  if (text === undefined) {
    sendError(response, 413, 'BODY_TOO_LARGE', 'body exceeds 64 KiB');
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    sendError(response, 400, 'INVALID_JSON', 'body must be JSON');
    return undefined;
  }
};
