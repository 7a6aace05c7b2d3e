import { describe, expect, it } from 'vitest';
import { defaultBreakerTable, resolvePorts } from '../../../local/stackConfig';
import {
  describeTarget,
  isLoopback,
  localBreakerTable,
  localDynamoDbEndpoint,
  resolveTarget,
} from '../../../src/cli/target';

const options = {
  json: false,
  table: undefined,
  endpoint: undefined,
  region: undefined,
  timeoutInMillis: 2000,
};

describe('resolveTarget', () => {
  it('targets the local stack when nothing is set', () => {
    expect(resolveTarget(options, {})).toEqual({
      tableName: localBreakerTable,
      endpoint: localDynamoDbEndpoint,
      region: 'us-east-1',
      local: true,
    });
  });

  it('takes the table and endpoint from BREAKER_TABLE and DYNAMODB_ENDPOINT', () => {
    const env = {
      BREAKER_TABLE: 'my-breakers',
      DYNAMODB_ENDPOINT: 'http://localhost:9000',
    };

    expect(resolveTarget(options, env)).toMatchObject({
      tableName: 'my-breakers',
      endpoint: 'http://localhost:9000',
      local: true,
    });
  });

  it('prefers the options over the environment', () => {
    const env = { BREAKER_TABLE: 'env-table', DYNAMODB_ENDPOINT: 'http://a:1' };
    const target = resolveTarget(
      { ...options, table: 'opt-table', endpoint: 'http://127.0.0.1:8123' },
      env,
    );

    expect(target.tableName).toBe('opt-table');
    expect(target.endpoint).toBe('http://127.0.0.1:8123');
  });

  it('talks to AWS with --region, ignoring DYNAMODB_ENDPOINT', () => {
    const env = { DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' };
    const target = resolveTarget({ ...options, region: 'eu-west-1' }, env);

    expect(target).toMatchObject({
      endpoint: undefined,
      region: 'eu-west-1',
      local: false,
    });
    expect(describeTarget(target)).toBe('AWS region eu-west-1');
  });

  it('uses real credentials for an endpoint off this machine', () => {
    const target = resolveTarget(
      { ...options, endpoint: 'https://dynamodb.example.com' },
      { AWS_REGION: 'eu-central-1' },
    );

    expect(target).toMatchObject({ local: false, region: 'eu-central-1' });
  });

  it('uses the same defaults as the local stack', async () => {
    const ports = await resolvePorts({ apiPort: 1, lambdaPort: 2 });

    expect(localBreakerTable).toBe(defaultBreakerTable);
    expect(localDynamoDbEndpoint).toBe(`http://127.0.0.1:${ports.dynamoDb}`);
  });
});

describe('isLoopback', () => {
  it.each([
    ['http://127.0.0.1:8000', true],
    ['http://127.1.2.3:8000', true],
    ['http://localhost:8000', true],
    ['http://[::1]:8000', true],
    ['https://dynamodb.eu-west-1.amazonaws.com', false],
    ['http://10.0.0.5:8000', false],
  ])('says %s is loopback: %s', (endpoint, expected) => {
    expect(isLoopback(endpoint)).toBe(expected);
  });
});
