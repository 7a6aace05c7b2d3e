/** What a fault does to one request to `/status`. */
export type FaultAction =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'delay'; minDelayInMillis: number; maxDelayInMillis: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'badBody' };

/**
 * A validated fault: an action, applied either to the next `count` requests
 * or to each request with `probability` (exactly one of the two is set).
 */
export type Fault = FaultAction & { count?: number; probability?: number };

/** A fault specification that cannot be applied; the message says why. */
export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

const maxFaultsPerRequest = 100;
const maxDelayInMillis = 600_000;
const maxCount = 1_000_000;
const triggerFields = ['kind', 'count', 'probability'];

type Spec = Record<string, unknown>;
type ActionParser = (spec: Spec, where: string) => FaultAction;

const fail = (message: string): never => {
  throw new FaultSpecError(message);
};

const isRecord = (value: unknown): value is Spec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const integerIn = (value: unknown, min: number, max: number): boolean =>
  Number.isInteger(value) &&
  (value as number) >= min &&
  (value as number) <= max;

const parseRetryAfter = (value: unknown, where: string): string | undefined => {
  if (value === undefined) return undefined;
  if (integerIn(value, 0, 86_400)) return String(value);
  if (typeof value === 'string' && /^[\x20-\x7e]{1,64}$/.test(value)) {
    return value;
  }
  return fail(
    `${where}.retryAfter must be whole seconds (0-86400) or a header string`,
  );
};

const parseStatus: ActionParser = (spec, where) => {
  const { status } = spec;
  if (status !== 429 && !integerIn(status, 500, 599)) {
    fail(`${where}.status must be 429 or 500-599, got ${String(status)}`);
  }
  const retryAfter = parseRetryAfter(spec.retryAfter, where);
  return retryAfter === undefined
    ? { kind: 'status', status: status as number }
    : { kind: 'status', status: status as number, retryAfter };
};

const parseDelay: ActionParser = (spec, where) => {
  const fixed = spec.delayInMillis;
  const { minDelayInMillis: min, maxDelayInMillis: max } = spec;
  const range = `0-${maxDelayInMillis}`;
  if (fixed !== undefined) {
    if (min !== undefined || max !== undefined) {
      fail(`${where}: give delayInMillis or min/maxDelayInMillis, not both`);
    }
    if (!integerIn(fixed, 0, maxDelayInMillis)) {
      fail(`${where}.delayInMillis must be whole milliseconds in ${range}`);
    }
    return {
      kind: 'delay',
      minDelayInMillis: fixed as number,
      maxDelayInMillis: fixed as number,
    };
  }
  if (
    !integerIn(min, 0, maxDelayInMillis) ||
    !integerIn(max, 0, maxDelayInMillis)
  ) {
    fail(
      `${where}: delay needs delayInMillis, ` +
        `or min/maxDelayInMillis in ${range}`,
    );
  }
  if ((min as number) > (max as number)) {
    fail(`${where}.minDelayInMillis must not exceed maxDelayInMillis`);
  }
  return {
    kind: 'delay',
    minDelayInMillis: min as number,
    maxDelayInMillis: max as number,
  };
};

const actionParsers: Record<string, [ActionParser, string[]]> = {
  status: [parseStatus, ['status', 'retryAfter']],
  delay: [
    parseDelay,
    ['delayInMillis', 'minDelayInMillis', 'maxDelayInMillis'],
  ],
  hang: [() => ({ kind: 'hang' }), []],
  reset: [() => ({ kind: 'reset' }), []],
  badBody: [() => ({ kind: 'badBody' }), []],
};

const parseTrigger = (spec: Spec, where: string) => {
  const { count, probability } = spec;
  if (count !== undefined && probability !== undefined) {
    fail(`${where}: give count or probability, not both`);
  }
  if (probability === undefined) {
    if (count !== undefined && !integerIn(count, 1, maxCount)) {
      fail(`${where}.count must be a whole number in 1-${maxCount}`);
    }
    return { count: (count as number | undefined) ?? 1 };
  }
  if (
    typeof probability !== 'number' ||
    !(probability > 0 && probability <= 1)
  ) {
    fail(`${where}.probability must be a number in (0, 1]`);
  }
  return { probability: probability as number };
};

const parseFault = (spec: unknown, where: string): Fault => {
  if (!isRecord(spec)) return fail(`${where} must be a JSON object`);
  const entry = actionParsers[String(spec.kind)];
  if (typeof spec.kind !== 'string' || entry === undefined) {
    const kinds = Object.keys(actionParsers).join(', ');
    return fail(`${where}.kind must be one of ${kinds}`);
  }
  const [parseAction, actionFields] = entry;
  const allowed = new Set([...triggerFields, ...actionFields]);
  const unknown = Object.keys(spec).filter((field) => !allowed.has(field));
  if (unknown.length > 0) {
    fail(
      `${where}: unknown field(s) ${unknown.join(', ')} for kind ${spec.kind}`,
    );
  }
  return { ...parseAction(spec, where), ...parseTrigger(spec, where) };
};

/**
 * Validates the body of `POST /__faults`: one fault, or `{ "faults": [...] }`.
 * @throws FaultSpecError naming the first problem; nothing is applied then.
 */
export const parseFaults = (body: unknown): Fault[] => {
  const isList = isRecord(body) && 'faults' in body;
  if (isList && Object.keys(body).length > 1) {
    fail('a body with "faults" takes no other field');
  }
  const specs = isList ? body.faults : [body];
  if (!Array.isArray(specs) || specs.length === 0) {
    return fail('"faults" must be a non-empty array');
  }
  if (specs.length > maxFaultsPerRequest) {
    fail(`at most ${maxFaultsPerRequest} faults per request`);
  }
  const where = (index: number) => (isList ? `faults[${index}]` : 'fault');
  return specs.map((spec, index) => parseFault(spec, where(index)));
};
