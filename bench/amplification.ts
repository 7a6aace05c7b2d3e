import { Deadline } from '../src/deadline/deadline';
import {
  RetriesExhaustedError,
  RetryBudgetExhaustedError,
  UpstreamStatusError,
} from '../src/errors';
import { Pipeline } from '../src/pipeline';
import { resolveRetryOptions } from '../src/retry/retryOptions';
import { RetryPolicy } from '../src/retry/retryPolicy';
import { silentLogger } from './fixtures';
import type { Section, SectionResult } from './report';
import { formatNumber, ratio, renderTable } from './table';

const requests = 1_000;
const goalCallsPerRequest = 1.2;

interface Amplification {
  calls: number;
  retriesExhausted: number;
  budgetExhausted: number;
}

/**
 * Sends `requests` requests, one after another as one Lambda environment
 * would, through the real retry policy to a service that always answers
 * 503. Jitter is zero, so backoffs are a timer tick.
 */
const amplification = async (withBudget: boolean): Promise<Amplification> => {
  const result = { calls: 0, retriesExhausted: 0, budgetExhausted: 0 };
  const policy = new RetryPolicy(
    resolveRetryOptions({
      budget: withBudget ? {} : false,
      random: () => 0,
      logger: silentLogger,
    }),
  );
  const failing = async (): Promise<never> => {
    result.calls += 1;
    throw new UpstreamStatusError(503);
  };
  for (let i = 0; i < requests; i++) {
    const pipeline = new Pipeline(Deadline.never(Date.now)).use(policy);
    const error = await pipeline.execute(failing).catch((e: unknown) => e);
    if (error instanceof RetriesExhaustedError) result.retriesExhausted += 1;
    if (error instanceof RetryBudgetExhaustedError) result.budgetExhausted += 1;
  }
  return result;
};

const row = (name: string, { calls, ...outcomes }: Amplification) => [
  name,
  requests,
  calls,
  calls / requests,
  outcomes.retriesExhausted,
  outcomes.budgetExhausted,
];

const header = [
  'variant',
  'requests',
  'calls',
  'calls/request',
  'retries exhausted',
  'budget exhausted',
];

/**
 * Retry amplification during a total outage: calls per client request
 * with the default retry budget, against the same policy without one.
 */
export const amplificationSection: Section = {
  name: 'amplification',
  run: async (): Promise<SectionResult> => {
    const without = await amplification(false);
    const withBudget = await amplification(true);
    const perRequest = withBudget.calls / requests;
    return {
      title:
        '2. Retry amplification while the service fails 100 % (3 attempts)',
      lines: [
        ...renderTable(header, [
          row('without budget (baseline)', without),
          row('with budget (defaults)', withBudget),
        ]),
        '',
        `with / without: ${ratio(withBudget.calls, without.calls)} calls`,
      ],
      goals: [
        {
          description:
            `with the budget, ${formatNumber(perRequest)} calls per ` +
            `request (goal <= ${goalCallsPerRequest})`,
          met: perRequest <= goalCallsPerRequest,
          enforced: true,
        },
      ],
    };
  },
};
