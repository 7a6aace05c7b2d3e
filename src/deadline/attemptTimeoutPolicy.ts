import { AttemptTimeoutError, DeadlineExceededError } from '../errors';
import {
  type CallScope,
  type Operation,
  PipelineStage,
  type Policy,
} from '../pipeline';
import { attemptTimeoutFor } from './invocationDeadline';

/**
 * The innermost policy: each attempt gets `min(attemptTimeoutInMillis, time
 * left before the deadline)` and a signal that aborts when that time is up or
 * when the invocation's own signal aborts, so the request really stops and
 * its socket is released.
 *
 * The operation must honour the signal it is given (fetch and the AWS SDK
 * do): the policy waits for the operation to settle, so that no work goes on
 * after the attempt has been answered.
 */
export class AttemptTimeoutPolicy implements Policy {
  readonly stage = PipelineStage.attemptTimeout;

  private readonly leastUsefulInMillis: number;

  constructor(
    /** Longest time one attempt may take. */
    readonly attemptTimeoutInMillis: number,
    /** Least time before the deadline for an attempt to be sent. */
    minAttemptTimeInMillis = 0,
  ) {
    // At least 1 ms: with no time left nothing can be sent.
    this.leastUsefulInMillis = Math.max(
      1,
      Math.min(minAttemptTimeInMillis, attemptTimeoutInMillis),
    );
  }

  execute<T>(next: Operation<T>, scope: CallScope): Promise<T> {
    const timeoutInMillis = attemptTimeoutFor(
      this.attemptTimeoutInMillis,
      scope.deadline,
    );
    if (timeoutInMillis < this.leastUsefulInMillis || scope.signal.aborted) {
      return Promise.reject(
        new DeadlineExceededError('not enough time left for an attempt'),
      );
    }
    return runAttempt(next, scope, timeoutInMillis);
  }
}

const runAttempt = async <T>(
  next: Operation<T>,
  scope: CallScope,
  timeoutInMillis: number,
): Promise<T> => {
  const attempt = new AttemptSignal(scope.signal, timeoutInMillis);
  try {
    return await next({ ...scope, signal: attempt.signal });
  } catch (error) {
    throw attempt.explain(error);
  } finally {
    attempt.dispose();
  }
};

/**
 * One attempt's abort signal: a child of the invocation's signal with its own
 * timer. One setTimeout/clearTimeout pair per attempt; the timeout error is
 * built only when the timer fires, so the healthy path allocates no error.
 */
class AttemptSignal {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private timedOut = false;

  constructor(
    private readonly parent: AbortSignal,
    private readonly timeoutInMillis: number,
  ) {
    this.timer = setTimeout(this.onTimeout, timeoutInMillis);
    parent.addEventListener('abort', this.onParentAbort);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The error the attempt surfaces, given what the operation threw. */
  explain(error: unknown): unknown {
    if (!this.controller.signal.aborted) return error;

    if (this.timedOut) {
      const reason = this.controller.signal.reason;
      return error === reason
        ? error
        : new AttemptTimeoutError(this.timeoutInMillis, { cause: error });
    }
    return new DeadlineExceededError('the invocation was aborted', {
      cause: error,
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent.removeEventListener('abort', this.onParentAbort);
  }

  private readonly onTimeout = (): void => {
    this.timedOut = true;
    this.controller.abort(new AttemptTimeoutError(this.timeoutInMillis));
  };

  // The invocation's reason is passed on as is, so the caller sees why the
  // invocation ended (Middy aborts with no reason, which yields an AbortError).
  private readonly onParentAbort = (): void => {
    this.controller.abort(this.parent.reason);
  };
}
