/**
 * Waits `delayInMillis`, or less: the wait ends at once when `signal` aborts.
 * @returns true when the full delay passed, false when the signal aborted.
 */
export const cancellableSleep = (
  delayInMillis: number,
  signal: AbortSignal,
): Promise<boolean> => {
  if (signal.aborted) return Promise.resolve(false);

  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, delayInMillis);
    signal.addEventListener('abort', onAbort, { once: true });
  });
};
