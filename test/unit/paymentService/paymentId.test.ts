import { describe, expect, it } from 'vitest';
import { InvalidPaymentIdError } from '../../../src/errors';
import { parsePaymentId } from '../../../src/paymentService/paymentId';

describe('parsePaymentId', () => {
  it.each(['pay_123', 'A-b_9', 'x', 'a'.repeat(64)])('accepts %j', (id) => {
    expect(parsePaymentId(id)).toBe(id);
  });

  it.each([
    ['empty', ''],
    ['too long', 'a'.repeat(65)],
    ['a path traversal', '../x'],
    ['an encoded slash', '%2F'],
    ['a space', 'a b'],
    ['non-ASCII', 'päy'],
    ['missing', undefined],
    ['not a string', 42],
  ])('refuses %s', (_label, raw) => {
    expect(() => parsePaymentId(raw)).toThrow(InvalidPaymentIdError);
  });
});
