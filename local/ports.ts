import { createServer } from 'node:net';

/** A port the local stack needs, and how a user changes it. */
export interface PortClaim {
  /** What listens there, for example `API`. */
  readonly name: string;
  readonly port: number;
  /** The environment variable that sets it, for example `PORT`. */
  readonly envName: string;
}

/** One or more ports are taken; the message names each and its variable. */
export class PortTakenError extends Error {
  override readonly name = 'PortTakenError';
}

const tryListen = (port: number, host: string): Promise<number | undefined> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(undefined) : reject(error),
    );
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' ? address?.port : undefined;
      server.close(() => resolve(bound));
    });
  });

/**
 * A port that was free a moment ago. Another process could take it before
 * it is used; that is acceptable for local stacks and tests.
 */
export const freePort = async (host = '127.0.0.1'): Promise<number> => {
  const port = await tryListen(0, host);
  if (port === undefined) throw new Error('no free port on the loopback');
  return port;
};

/**
 * Checks every claim before anything starts, so the stack fails fast and
 * names all the taken ports at once.
 * @throws PortTakenError
 */
export const assertPortsFree = async (
  claims: readonly PortClaim[],
  host = '127.0.0.1',
): Promise<void> => {
  const taken: PortClaim[] = [];
  for (const claim of claims) {
    if ((await tryListen(claim.port, host)) === undefined) taken.push(claim);
  }
  if (taken.length === 0) return;

  const lines = taken.map(
    ({ name, port, envName }) =>
      `port ${port} (${name}) is taken on ${host}; ` +
      `set ${envName} to another port`,
  );
  throw new PortTakenError(lines.join('\n'));
};
