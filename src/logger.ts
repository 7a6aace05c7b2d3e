import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The part of Powertools Logger the library uses. Any structured logger with
 * these methods can be injected; messages are constant lowercase strings and
 * the data goes in the extra object.
 */
export type ResilienceLogger = Pick<
  Logger,
  'debug' | 'info' | 'warn' | 'error'
>;

/**
 * The logger used when an option does not inject one. Service name and
 * level come from POWERTOOLS_SERVICE_NAME and LOG_LEVEL.
 */
export const defaultLogger: Logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lambda-resilience',
});

/**
 * Shortens an identifier for logs to its last characters (`…4567`), as card
 * numbers are shown, so full payment ids never reach log storage while a
 * support engineer can still match a line to a payment.
 */
export const redactId = (id: string, visibleChars = 4): string =>
  id.length <= visibleChars
    ? '*'.repeat(id.length)
    : `…${id.slice(-visibleChars)}`;
