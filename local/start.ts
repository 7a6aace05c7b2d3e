import { PortTakenError } from './ports';
import { defaultBreakerTable, type Stack, startStack } from './stack';

// `npm start`: the whole local stack in one process tree, configured from
// the environment (README.md, "Configuration"). Ctrl-C stops all of it.

const log = (line: string) => console.log(`[local] ${line}`);

const portFromEnv = (name: string, fallback: number): number => {
  const text = process.env[name];
  const port = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new PortTakenError(`${name} must be a port number, got "${text}"`);
  }
  return port;
};

const nonEmpty = (value: string | undefined) =>
  value === undefined || value === '' ? undefined : value;

const start = (): Promise<Stack> =>
  startStack({
    apiPort: portFromEnv('PORT', 3000),
    lambdaPort: portFromEnv('OFFLINE_LAMBDA_PORT', 3002),
    dynamoDbPort: portFromEnv('DYNAMODB_PORT', 8000),
    simulatorPort: portFromEnv('SIMULATOR_PORT', 4010),
    dynamoDbPath: '.data/dynamodb',
    dynamoDbEndpoint: nonEmpty(process.env.DYNAMODB_ENDPOINT),
    paymentServiceUrl: nonEmpty(process.env.PAYMENT_SERVICE_URL),
    breakerTable: nonEmpty(process.env.BREAKER_TABLE) ?? defaultBreakerTable,
    output: 'inherit',
    watch: true,
    log,
    onApiExit: (reason) => shutdown(`serverless offline ended (${reason})`, 1),
  });

let stack: Stack | undefined;
let stopping = false;

const shutdown = (reason: string, exitCode: number) => {
  if (stopping) return;
  stopping = true;
  log(`${reason}: stopping`);
  // Still starting: exiting runs the exit hook that kills serverless offline.
  if (stack === undefined) process.exit(exitCode || 130);
  void stack.stop().then(() => process.exit(exitCode));
};

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => shutdown(signal, 0));
}

const startedAt = performance.now();
try {
  stack = await start();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[local] could not start: ${message}`);
  process.exit(1);
}
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
log(`ready in ${seconds} s; try: curl ${stack.apiUrl}/payments/pay_123/status`);
