/**
 * Sends one request with its own time box. The request gets an AbortSignal
 * that aborts after `timeoutInMillis`, or as soon as `outer` aborts, and the
 * returned promise settles by then even if the request ignores its signal,
 * so a slow store can never hold an invocation past its budget. One
 * setTimeout/clearTimeout pair per request; `timeoutReason` is made once by
 * the caller, so a timeout captures no stack.
 */
export const timeBoxed = <T>(
  send: (signal: AbortSignal) => Promise<T>,
  timeoutInMillis: number,
  timeoutReason: Error,
  outer?: AbortSignal,
): Promise<T> => {
  if (outer?.aborted) return Promise.reject(outer.reason);
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const stop = (reason: unknown) => {
      settle();
      controller.abort(reason);
      reject(reason);
    };
    const onTimeout = () => stop(timeoutReason);
    const onOuterAbort = () => stop(outer?.reason);
    const timer = setTimeout(onTimeout, timeoutInMillis);
    const settle = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    };
    outer?.addEventListener('abort', onOuterAbort);
    send(controller.signal).then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
};

/** True when DynamoDB refused a write because its condition failed. */
export const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: unknown } | undefined)?.name ===
  'ConditionalCheckFailedException';
