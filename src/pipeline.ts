import type { Context } from 'aws-lambda';
import { type Clock, systemClock } from './clock';
import { Deadline } from './deadline/deadline';
import { ConfigurationError } from './errors';

/**
 * Where a policy sits in the pipeline, outermost first. The order is fixed
 * (see the README's pipeline picture), so the order in which middlewares are
 * `.use()`d cannot nest them wrongly: retries wrap the breaker, the breaker
 * sees every attempt, the bulkhead bounds concurrency, the attempt timeout
 * wraps the network call, and the call metrics count only calls that were
 * really made.
 */
export const PipelineStage = {
  retry: 10,
  circuitBreaker: 20,
  bulkhead: 30,
  attemptTimeout: 40,
  callMetrics: 50,
} as const;

/** One of the {@link PipelineStage} values. */
export type PipelineStage = (typeof PipelineStage)[keyof typeof PipelineStage];

/** What one call (and each of its attempts) carries through the policies. */
export interface CallScope {
  /** Aborts when the current attempt must stop; pass it to fetch or the AWS SDK. */
  readonly signal: AbortSignal;
  /** The invocation's deadline. */
  readonly deadline: Deadline;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
  /** Whether the call may safely be repeated. */
  readonly idempotent: boolean;
}

/** The downstream call, or the rest of the pipeline around it. */
export type Operation<T> = (scope: CallScope) => Promise<T>;

/** One layer of the pipeline: it runs `next` zero, one or several times. */
export interface Policy {
  /** Where it sits; see {@link PipelineStage}. */
  readonly stage: PipelineStage;
  execute<T>(next: Operation<T>, scope: CallScope): Promise<T>;
}

/** Per-call options of {@link Pipeline.execute}. */
export interface ExecuteOptions {
  /**
   * The invocation's abort signal (Middy passes it to the handler as
   * `{ signal }`). Every attempt aborts when it does.
   */
  signal?: AbortSignal;
  /** Whether the call may be retried. @default true */
  idempotent?: boolean;
}

const neverAborted = new AbortController().signal;

/**
 * The chain of policies one invocation's downstream calls go through.
 * Middlewares install policies in their `before` hook; the handler runs its
 * calls through {@link Pipeline.execute}. One pipeline per invocation, so
 * concurrent invocations never share per-call state.
 */
export class Pipeline {
  private readonly policies: Policy[] = [];

  constructor(
    /** The invocation's deadline; the timeouts middleware sets it. */
    public deadline: Deadline,
  ) {}

  /** Adds a policy at its stage; a policy of the same stage replaces it. */
  use(policy: Policy): this {
    const index = this.policies.findIndex((p) => p.stage >= policy.stage);
    if (index === -1) {
      this.policies.push(policy);
    } else if (this.policies[index]?.stage === policy.stage) {
      this.policies[index] = policy;
    } else {
      this.policies.splice(index, 0, policy);
    }
    return this;
  }

  /** Runs `operation` through every installed policy. */
  execute<T>(operation: Operation<T>, options?: ExecuteOptions): Promise<T> {
    const scope: CallScope = {
      signal: options?.signal ?? neverAborted,
      deadline: this.deadline,
      attempt: 1,
      idempotent: options?.idempotent ?? true,
    };
    return this.run(0, operation, scope);
  }

  private run<T>(
    index: number,
    operation: Operation<T>,
    scope: CallScope,
  ): Promise<T> {
    const policy = this.policies[index];
    if (policy === undefined) return operation(scope);
    return policy.execute(
      (next) => this.run(index + 1, operation, next),
      scope,
    );
  }
}

const pipelineKey = Symbol.for('lambda-resilience.pipeline');

type ContextWithPipeline = Partial<Context> & {
  [pipelineKey]?: Pipeline;
  // Middy's durable execution mode keeps the Lambda context here.
  lambdaContext?: Partial<Context>;
};

/**
 * The invocation's pipeline, created on first use. Middlewares call this in
 * their `before` hook. Without a timeouts middleware the deadline is the
 * Lambda's whole remaining time (or none outside Lambda).
 */
export const pipelineFor = (
  request: { context: object },
  now: Clock = systemClock,
): Pipeline => {
  const context = request.context as ContextWithPipeline;
  let pipeline = context[pipelineKey];
  if (pipeline === undefined) {
    const remaining =
      context.getRemainingTimeInMillis?.() ??
      context.lambdaContext?.getRemainingTimeInMillis?.();
    const deadline =
      remaining === undefined
        ? Deadline.never(now)
        : Deadline.fromRemainingTime(remaining, 0, now);
    pipeline = new Pipeline(deadline);
    context[pipelineKey] = pipeline;
  }
  return pipeline;
};

/**
 * The pipeline a handler runs its downstream calls through:
 * `await resilience(context).execute(({ signal }) => fetch(url, { signal }), { signal })`.
 * @throws {ConfigurationError} when no resilience middleware is in use.
 */
export const resilience = (context: object): Pipeline => {
  const pipeline = (context as ContextWithPipeline)[pipelineKey];
  if (pipeline === undefined) {
    throw new ConfigurationError(
      'no resilience middleware is installed on this handler',
    );
  }
  return pipeline;
};
