import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type RandomSource, systemRandom } from '../src/clock';
import { type Fault, parseFaults } from './simulatorFaultSpec';
import {
  emptyStats,
  FaultPlan,
  type PendingFault,
  type SimulatorStats,
} from './simulatorFaults';
import { readJsonBody, sendError, sendJson } from './simulatorHttp';
import { handleStatus, type StatusState } from './simulatorStatus';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Address to listen on. @default '127.0.0.1' */
  host?: string;
  /** Draws probabilistic faults and random delays. @default Math.random */
  random?: RandomSource;
}

/** A running payment-service simulator. */
export interface Simulator {
  /** Base URL, for example `http://127.0.0.1:4010`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Counts of the requests to `/status` so far. */
  stats(): SimulatorStats;
  /** Faults still in effect. */
  faults(): PendingFault[];
  /** Adds faults, validated as `POST /__faults` does. @throws FaultSpecError */
  addFaults(body: unknown): Fault[];
  /** Clears faults and stats, as `POST /__reset` does. */
  reset(): void;
  /** Stops the server, dropping hanging and delayed requests. */
  close(): Promise<void>;
}

const handleFaults = async (
  simulator: Simulator,
  request: IncomingMessage,
  response: ServerResponse,
) => {
  const body = await readJsonBody(request, response);
  if (body === undefined) return;
  try {
    simulator.addFaults(body);
  } catch (error) {
    return sendError(response, 400, 'INVALID_FAULT', (error as Error).message);
  }
  sendJson(response, 201, { faults: simulator.faults() });
};

const route = (
  simulator: Simulator,
  state: StatusState,
  request: IncomingMessage,
  response: ServerResponse,
) => {
  const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
  const endpoint = `${request.method} ${path}`;
  if (request.method === 'GET' && path.startsWith('/status/')) {
    return handleStatus(
      path.slice('/status/'.length),
      state,
      request,
      response,
    );
  }
  switch (endpoint) {
    case 'POST /__faults':
      return void handleFaults(simulator, request, response);
    case 'GET /__faults':
      return sendJson(response, 200, { faults: simulator.faults() });
    case 'GET /__stats':
      return sendJson(response, 200, simulator.stats());
    case 'POST /__reset':
      simulator.reset();
      return sendJson(response, 200, simulator.stats());
  }
  sendError(response, 404, 'NOT_FOUND', `no route for ${endpoint}`);
};

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

const trackSockets = (server: Server): Set<Socket> => {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
};

/**
 * Starts the payment-service simulator: `GET /status/{paymentId}` answers
 * like the real service, and `/__faults`, `/__stats`, `/__reset` let tests
 * and people make it misbehave and count what reached it. Logs nothing.
 */
export const startSimulator = async (
  options: SimulatorOptions = {},
): Promise<Simulator> => {
  const random = options.random ?? systemRandom;
  const state: StatusState = {
    plan: new FaultPlan(random),
    random,
    timers: new Set(),
    stats: emptyStats(),
  };
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) =>
    route(simulator, state, request, response),
  );
  const sockets = trackSockets(server);
  const port = await listen(server, options.port ?? 0, host);
  const simulator: Simulator = {
    url: `http://${host}:${port}`,
    port,
    stats: () => structuredClone(state.stats),
    faults: () => state.plan.pending(),
    addFaults: (body) => {
      const faults = parseFaults(body);
      state.plan.add(faults);
      return faults;
    },
    reset: () => {
      state.plan.clear();
      state.stats = emptyStats();
    },
    close: () => closeServer(server, sockets, state.timers),
  };
  return simulator;
};

const closeServer = (
  server: Server,
  sockets: Set<Socket>,
  timers: Set<NodeJS.Timeout>,
): Promise<void> =>
  new Promise((resolve) => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
