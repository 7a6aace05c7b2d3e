import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RandomSource } from '../src/clock';
import type { FaultAction } from './simulatorFaultSpec';
import {
  type FaultPlan,
  maxArrivalsKept,
  type SimulatorStats,
} from './simulatorFaults';
import { sendError, sendJson } from './simulatorHttp';
import { isKnownPaymentId, paymentRecordFor } from './simulatorPayments';

/** What the `/status` route reads and updates. */
export interface StatusState {
  readonly plan: FaultPlan;
  readonly random: RandomSource;
  readonly timers: Set<NodeJS.Timeout>;
  stats: SimulatorStats;
}

const badBody = '{"paymentId":"pay_';

const answerStatus = (
  id: string,
  state: StatusState,
  response: ServerResponse,
) => {
  if (response.destroyed) return;
  if (id !== '' && isKnownPaymentId(id)) {
    state.stats.outcomes.ok += 1;
    return sendJson(response, 200, paymentRecordFor(id));
  }
  state.stats.outcomes.notFound += 1;
  sendError(response, 404, 'PAYMENT_NOT_FOUND', 'no such payment');
};

const delayed = (
  action: FaultAction & { kind: 'delay' },
  state: StatusState,
) => {
  const span = action.maxDelayInMillis - action.minDelayInMillis;
  return action.minDelayInMillis + Math.floor(state.random() * (span + 1));
};

const sendStatusFault = (
  action: FaultAction & { kind: 'status' },
  response: ServerResponse,
) => {
  const headers: Record<string, string> = {};
  if (action.retryAfter !== undefined) {
    headers['retry-after'] = action.retryAfter;
  }
  const message = 'simulated failure';
  sendError(response, action.status, 'SIMULATED_FAILURE', message, headers);
};

const answerLater = (
  action: FaultAction & { kind: 'delay' },
  answer: () => void,
  state: StatusState,
) => {
  const timer = setTimeout(
    () => {
      state.timers.delete(timer);
      answer();
    },
    delayed(action, state),
  );
  state.timers.add(timer);
};

const applyFault = (
  action: FaultAction,
  answer: () => void,
  state: StatusState,
  request: IncomingMessage,
  response: ServerResponse,
) => {
  const { outcomes } = state.stats;
  switch (action.kind) {
    case 'status':
      outcomes.status += 1;
      return sendStatusFault(action, response);
    case 'delay':
      state.stats.delayed += 1;
      return answerLater(action, answer, state);
    case 'hang':
      outcomes.hang += 1;
      return;
    case 'reset':
      outcomes.reset += 1;
      request.socket.destroy();
      return;
    case 'badBody':
      outcomes.badBody += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(badBody);
  }
};

const paymentIdOf = (rawId: string): string => {
  if (rawId.includes('/')) return '';
  try {
    return decodeURIComponent(rawId);
  } catch {
    return '';
  }
};

const recordArrival = (stats: SimulatorStats): void => {
  stats.requests += 1;
  stats.arrivalsInMillis.push(Date.now());
  if (stats.arrivalsInMillis.length > maxArrivalsKept) {
    stats.arrivalsInMillis.shift();
  }
};

/** Answers `GET /status/{rawId}`, applying the next fault if any. */
export const handleStatus = (
  rawId: string,
  state: StatusState,
  request: IncomingMessage,
  response: ServerResponse,
) => {
  recordArrival(state.stats);
  const answer = () => answerStatus(paymentIdOf(rawId), state, response);
  const action = state.plan.take();
  if (action === undefined) return answer();
  applyFault(action, answer, state, request, response);
};
