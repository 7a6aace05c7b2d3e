import { createHash } from 'node:crypto';

/** The statuses a simulated payment can be in. */
export const PaymentStatus = {
  pending: 'pending',
  authorized: 'authorized',
  captured: 'captured',
  failed: 'failed',
  refunded: 'refunded',
} as const;

/** One of the {@link PaymentStatus} values. */
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];

/** What the simulated payment service answers for a known payment. */
export interface PaymentRecord {
  paymentId: string;
  status: PaymentStatus;
  /** In minor units of the currency (cents). */
  amount: number;
  currency: string;
  /** ISO 8601 timestamp. */
  updatedAt: string;
}

const statuses = Object.values(PaymentStatus);
const currencies = ['EUR', 'USD', 'GBP'] as const;
const epochInMillis = Date.UTC(2026, 0, 1);
const secondsPerYear = 365 * 24 * 60 * 60;

/** The simulator knows every payment whose id starts with `pay_`. */
export const isKnownPaymentId = (paymentId: string): boolean =>
  paymentId.startsWith('pay_');

/**
 * The record of a known payment. Values are derived from a hash of the id,
 * so the same id always gets the same answer, across runs and machines.
 */
export const paymentRecordFor = (paymentId: string): PaymentRecord => {
  const digest = createHash('sha256').update(paymentId).digest();
  const offsetInSeconds = digest.readUInt32BE(8) % secondsPerYear;

  return {
    paymentId,
    status: statuses[digest.readUInt8(0) % statuses.length] ?? 'pending',
    amount: 100 + (digest.readUInt32BE(1) % 99_900),
    currency: currencies[digest.readUInt8(5) % currencies.length] ?? 'EUR',
    updatedAt: new Date(epochInMillis + offsetInSeconds * 1000).toISOString(),
  };
};
