import { describe, expect, it } from 'vitest';
import { FaultSpecError, parseFaults } from '../../../local/simulatorFaultSpec';

describe('parseFaults', () => {
  it('reads one fault and applies it to the next request by default', () => {
    const faults = parseFaults({ kind: 'status', status: 503 });

    expect(faults).toEqual([{ kind: 'status', status: 503, count: 1 }]);
  });

  it('reads a list of faults with counts and probabilities', () => {
    const faults = parseFaults({
      faults: [
        { kind: 'status', status: 429, retryAfter: 2, count: 3 },
        { kind: 'reset', probability: 0.25 },
      ],
    });

    expect(faults).toEqual([
      { kind: 'status', status: 429, retryAfter: '2', count: 3 },
      { kind: 'reset', probability: 0.25 },
    ]);
  });

  it('turns a fixed delay into an equal range', () => {
    const [fault] = parseFaults({ kind: 'delay', delayInMillis: 150 });

    expect(fault).toMatchObject({
      minDelayInMillis: 150,
      maxDelayInMillis: 150,
    });
  });

  it('keeps a random delay range', () => {
    const [fault] = parseFaults({
      kind: 'delay',
      minDelayInMillis: 10,
      maxDelayInMillis: 90,
    });

    expect(fault).toMatchObject({ minDelayInMillis: 10, maxDelayInMillis: 90 });
  });

  it.each([
    [{ kind: 'explode' }, 'kind must be one of'],
    [{ kind: 'status', status: 404 }, 'status must be 429 or 500-599'],
    [{ kind: 'status', status: 503, retryAfter: -1 }, 'retryAfter'],
    [{ kind: 'delay' }, 'delay needs delayInMillis'],
    [{ kind: 'delay', delayInMillis: 5, maxDelayInMillis: 9 }, 'not both'],
    [
      { kind: 'delay', minDelayInMillis: 9, maxDelayInMillis: 5 },
      'must not exceed',
    ],
    [{ kind: 'hang', count: 0 }, 'count must be a whole number'],
    [{ kind: 'hang', probability: 1.5 }, 'probability must be a number'],
    [{ kind: 'hang', count: 1, probability: 0.5 }, 'count or probability'],
    [{ kind: 'reset', status: 500 }, 'unknown field(s) status'],
    [{ faults: [] }, 'non-empty array'],
    [{ faults: [{ kind: 'hang' }], extra: 1 }, 'no other field'],
    ['hang', 'must be a JSON object'],
  ])('rejects %j with a clear message', (body, message) => {
    expect(() => parseFaults(body)).toThrow(FaultSpecError);
    expect(() => parseFaults(body)).toThrow(message);
  });

  it('names the position of the bad fault in a list', () => {
    const body = { faults: [{ kind: 'hang' }, { kind: 'status' }] };

    expect(() => parseFaults(body)).toThrow('faults[1].status');
  });
});
