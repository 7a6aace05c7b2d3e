import { StoreUnavailableError } from '../errors';
import { CliFailure, ExitCode, FailureCode } from './cliFailure';
import { describeTarget, type StoreTarget } from './target';

interface AwsLikeError {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const rejectedCredentials = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
]);

const unreachableHint = (target: StoreTarget): string =>
  target.endpoint === undefined
    ? 'check --region and the network'
    : 'start the local stack with `npm start`, pass --endpoint, ' +
      'or use --region for AWS';

const credentialsHint =
  'set AWS credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and ' +
  'AWS_SECRET_ACCESS_KEY); a local endpoint needs none';

const missingTable = (target: StoreTarget): CliFailure =>
  new CliFailure(
    FailureCode.missingTable,
    ExitCode.missingTable,
    `table ${target.tableName} does not exist at ${describeTarget(target)}`,
    target.local
      ? '`npm start` creates it; or pass --table'
      : 'check --table and --region',
  );

const noCredentials = (message: string): CliFailure =>
  new CliFailure(
    FailureCode.noCredentials,
    ExitCode.storeUnreachable,
    message,
    credentialsHint,
  );

const accessDenied = (target: StoreTarget, cause: AwsLikeError): CliFailure =>
  new CliFailure(
    FailureCode.accessDenied,
    ExitCode.accessDenied,
    `access to table ${target.tableName} denied: ${cause.message}`,
    'the operator needs dynamodb:Scan, GetItem and UpdateItem on the table ' +
      '(see docs/operator-cli.md)',
  );

const fromCause = (cause: AwsLikeError, target: StoreTarget): CliFailure => {
  const name = cause.name ?? 'Error';
  if (name === 'ResourceNotFoundException') return missingTable(target);
  if (name === 'CredentialsProviderError') {
    return noCredentials(
      `no AWS credentials found for ${describeTarget(target)}`,
    );
  }
  if (rejectedCredentials.has(name)) {
    return noCredentials(`AWS rejected the credentials: ${name}`);
  }
  if (name === 'AccessDeniedException') return accessDenied(target, cause);
  if (cause.$metadata?.httpStatusCode !== undefined) {
    return new CliFailure(
      FailureCode.failed,
      ExitCode.failure,
      `DynamoDB refused the request: ${name}: ${cause.message}`,
    );
  }
  return new CliFailure(
    FailureCode.storeUnreachable,
    ExitCode.storeUnreachable,
    `cannot reach DynamoDB at ${describeTarget(target)} (${cause.message})`,
    unreachableHint(target),
  );
};

/**
 * Turns whatever a command threw into a {@link CliFailure} with a one-line
 * message and the right exit code. The store wraps every request error in
 * a StoreUnavailableError whose `cause` is the SDK's error; that cause says
 * whether the table is missing, credentials are absent, or the endpoint
 * did not answer.
 */
export const failureFrom = (
  error: unknown,
  target: StoreTarget,
): CliFailure => {
  if (error instanceof CliFailure) return error;
  if (error instanceof StoreUnavailableError && error.cause !== undefined) {
    return fromCause(error.cause as AwsLikeError, target);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliFailure(FailureCode.failed, ExitCode.failure, message);
};
