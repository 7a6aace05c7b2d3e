import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const require = createRequire(import.meta.url);
// dynalite ships no types; this is the part of its surface used here.
const dynalite = require('dynalite') as (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => import('node:http').Server;

/** Options of {@link startLocalDynamoDb}. */
export interface LocalDynamoDbOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Address to listen on. @default '127.0.0.1' */
  host?: string;
  /** Folder for LevelDB files; in memory when absent. */
  path?: string;
}

/** A running embedded DynamoDB. */
export interface LocalDynamoDb {
  /** The endpoint URL, for example `http://127.0.0.1:8000`. */
  readonly endpoint: string;
  /** Stops the server and releases its port. */
  close(): Promise<void>;
}

/** Starts dynalite, a DynamoDB implementation on LevelDB, on loopback. */
export const startLocalDynamoDb = (
  options: LocalDynamoDbOptions = {},
): Promise<LocalDynamoDb> => {
  const host = options.host ?? '127.0.0.1';
  const server = dynalite({
    path: options.path,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        endpoint: `http://${host}:${port}`,
        close: () => closeServer(server),
      });
    });
  });
};

const closeServer = (server: import('node:http').Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
