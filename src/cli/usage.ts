import { defaultTimeoutInMillis } from './arguments';
import { localBreakerTable, localDynamoDbEndpoint } from './target';

/** The text `--help` prints. */
export const usageText = `Usage: npm run breaker -- <command> [options]

Look at and steer the fleet-shared circuit breakers.

Commands:
  list            every breaker: state, failures, open period, probe lease
  show <name>     one breaker in full (exit 3 when it has no record)
  open <name>     force FORCED_OPEN: every call is refused until reset
  close <name>    force FORCED_CLOSED: every call is permitted until reset
  reset <name>    back to normal operation: CLOSED, counters cleared

Options:
  --table <name>     breaker table (default: BREAKER_TABLE, else
                     ${localBreakerTable})
  --endpoint <url>   DynamoDB endpoint (default: DYNAMODB_ENDPOINT, else
                     ${localDynamoDbEndpoint}; neither is used with --region)
  --region <region>  talk to DynamoDB in AWS with your AWS credentials
  --timeout <ms>     timeout of each DynamoDB request, tried twice
                     (default: ${defaultTimeoutInMillis})
  --json             print JSON (errors too, on stderr)
  -h, --help         print this help

Exit codes:
  0 done, 1 other failure, 2 usage error, 3 unknown breaker,
  4 table does not exist, 5 DynamoDB unreachable or no credentials,
  6 access denied

See docs/operator-cli.md.
`;
