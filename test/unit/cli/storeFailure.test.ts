import { describe, expect, it } from 'vitest';
import { CliFailure, ExitCode } from '../../../src/cli/cliFailure';
import { failureFrom } from '../../../src/cli/storeFailure';
import type { StoreTarget } from '../../../src/cli/target';
import { StoreUnavailableError } from '../../../src/errors';

const local: StoreTarget = {
  tableName: 'breakers',
  endpoint: 'http://127.0.0.1:8000',
  region: 'us-east-1',
  local: true,
};
const aws: StoreTarget = {
  tableName: 'prod-breakers',
  endpoint: undefined,
  region: 'eu-west-1',
  local: false,
};

const awsError = (name: string, message: string, httpStatusCode?: number) =>
  Object.assign(new Error(message), {
    name,
    $metadata: httpStatusCode === undefined ? {} : { httpStatusCode },
  });

const fromStore = (cause: unknown, target = local) =>
  failureFrom(
    new StoreUnavailableError('breaker store request failed', { cause }),
    target,
  );

describe('failureFrom', () => {
  it('names the table and where it was looked for when it does not exist', () => {
    const failure = fromStore(
      awsError(
        'ResourceNotFoundException',
        'Requested resource not found',
        400,
      ),
      aws,
    );

    expect(failure).toMatchObject({
      code: 'TABLE_NOT_FOUND',
      exitCode: ExitCode.missingTable,
      message: 'table prod-breakers does not exist at AWS region eu-west-1',
    });
  });

  it('explains a refused connection and how to start the local stack', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });

    const failure = fromStore(refused);

    expect(failure.exitCode).toBe(ExitCode.storeUnreachable);
    expect(failure.code).toBe('STORE_UNREACHABLE');
    expect(failure.message).toBe(
      'cannot reach DynamoDB at http://127.0.0.1:8000 (connect ECONNREFUSED)',
    );
    expect(failure.hint).toContain('npm start');
  });

  it('reports missing credentials with exit code 5 and a hint', () => {
    const failure = fromStore(
      awsError('CredentialsProviderError', 'Could not load credentials'),
      aws,
    );

    expect(failure).toMatchObject({
      code: 'NO_CREDENTIALS',
      exitCode: ExitCode.storeUnreachable,
      message: 'no AWS credentials found for AWS region eu-west-1',
    });
    expect(failure.hint).toContain('AWS_PROFILE');
  });

  it('reports rejected credentials like missing ones', () => {
    const failure = fromStore(
      awsError('UnrecognizedClientException', 'bad token', 400),
      aws,
    );

    expect(failure.code).toBe('NO_CREDENTIALS');
    expect(failure.exitCode).toBe(ExitCode.storeUnreachable);
  });

  it('reports a denied request with exit code 6 and the IAM it needs', () => {
    const failure = fromStore(
      awsError('AccessDeniedException', 'not authorized to dynamodb:Scan', 400),
      aws,
    );

    expect(failure.exitCode).toBe(ExitCode.accessDenied);
    expect(failure.hint).toContain('dynamodb:Scan');
  });

  it('passes on any other answer of DynamoDB with exit code 1', () => {
    const failure = fromStore(
      awsError('ValidationException', 'table name too short', 400),
    );

    expect(failure.exitCode).toBe(ExitCode.failure);
    expect(failure.message).toBe(
      'DynamoDB refused the request: ValidationException: table name too short',
    );
  });

  it('reports an error that is not the store with exit code 1', () => {
    const failure = failureFrom(new TypeError('boom'), local);

    expect(failure).toMatchObject({
      exitCode: ExitCode.failure,
      message: 'boom',
    });
  });

  it('keeps a CLI failure as it is', () => {
    const original = new CliFailure('UNKNOWN_BREAKER', 3, 'no breaker');

    expect(failureFrom(original, local)).toBe(original);
  });
});
