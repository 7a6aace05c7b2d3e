import { createServer, type Server } from 'node:net';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { assertPortsFree, freePort, PortTakenError } from '../../local/ports';
import { startStack } from '../../local/stack';
import { localClient } from '../support/dynamodb';
import { useStack } from './support/stack';

const local = useStack();

const occupy = (port: number): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('the local stack', () => {
  it('keeps the breaker table when DynamoDB restarts on the same data', async () => {
    const { stack } = local;

    await stack.restartDynamoDb();

    const table = await localClient(stack.dynamoDbEndpoint).send(
      new DescribeTableCommand({ TableName: stack.breakerTable }),
    );
    expect(table.Table?.TableStatus).toBe('ACTIVE');
  });

  it('answers again after the API restarts', async () => {
    await local.stack.restartApi();

    const response = await local.api('/payments/pay_1/status');

    expect(response.status).toBe(200);
  });

  it('refuses to start when a port is taken, naming its variable', async () => {
    const port = await freePort();
    const server = await occupy(port);

    const starting = startStack({
      apiPort: port,
      lambdaPort: 0,
      dynamoDbPort: 0,
      simulatorPort: 0,
    });

    await expect(starting).rejects.toThrow(PortTakenError);
    await expect(starting).rejects.toThrow(`port ${port} (API)`);
    await expect(starting).rejects.toThrow('set PORT');
    server.close();
  });

  it('frees every port it used when stopped', async () => {
    const lambdaPort = await freePort();
    const stack = await startStack({
      apiPort: 0,
      lambdaPort,
      dynamoDbPort: 0,
      simulatorPort: 0,
    });
    const urls = [stack.apiUrl, stack.simulatorUrl, stack.dynamoDbEndpoint];
    const ports = [...urls.map((url) => Number(new URL(url).port)), lambdaPort];

    await stack.stop();

    const claims = ports.map((port) => ({ name: 'part', port, envName: '-' }));
    await expect(assertPortsFree(claims)).resolves.toBeUndefined();
  });
});
