import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalDynamoDb } from './dynamodb';
import { type OfflineProcess, startOffline } from './offline';
import { assertPortsFree } from './ports';
import { type Simulator, startSimulator } from './simulator';
import {
  claimsOf,
  createTable,
  defaultBreakerTable,
  offlineEnv,
  type Ports,
  resolvePorts,
  startDynamoDb,
  workFolderOf,
} from './stackConfig';

export { defaultBreakerTable } from './stackConfig';

/** Options of {@link startStack}. Ports set to 0 are picked free. */
export interface StackOptions {
  /** Port of the API (serverless offline). @default 3000 */
  apiPort?: number;
  /** Port of serverless offline's Lambda invoke endpoint. @default 3002 */
  lambdaPort?: number;
  /** Port of dynalite, when the stack starts it. @default 8000 */
  dynamoDbPort?: number;
  /** Port of the simulator, when the stack starts it. @default 4010 */
  simulatorPort?: number;
  /** Folder for dynalite's data; in memory when absent. */
  dynamoDbPath?: string;
  /** An existing DynamoDB to use instead of starting dynalite. */
  dynamoDbEndpoint?: string;
  /** An existing payment service to use instead of the simulator. */
  paymentServiceUrl?: string;
  /**
   * The breaker table, created when missing.
   * @default 'lambda-resilience-dev-breakers'
   */
  breakerTable?: string;
  /** Extra environment, such as `RETRY_MAX_ATTEMPTS`. @default {} */
  env?: Record<string, string>;
  /** Print serverless offline's output or keep it. @default 'buffer' */
  output?: 'inherit' | 'buffer';
  /** Rebuild the function when a source file changes. @default false */
  watch?: boolean;
  /** The folder holding serverless.yml. @default process.cwd() */
  projectDir?: string;
  /** How long serverless offline may take to answer. @default 60_000 */
  readyTimeoutInMillis?: number;
  /** Receives one line per part that starts or stops. @default no output */
  log?: (line: string) => void;
  /** Called when serverless offline ends without being stopped. @default none */
  onApiExit?: (reason: string) => void;
}

/** A running local stack. */
export interface Stack {
  readonly apiUrl: string;
  readonly simulatorUrl: string;
  readonly dynamoDbEndpoint: string;
  readonly breakerTable: string;
  /** The in-process simulator, when the stack started one. */
  readonly simulator: Simulator | undefined;
  /**
   * Restarts serverless offline on the same ports and data: every Lambda
   * environment starts cold. `env` is merged over the previous environment.
   */
  restartApi(env?: Record<string, string>): Promise<void>;
  /** Restarts dynalite on the same port and folder (data on disk survives). */
  restartDynamoDb(): Promise<void>;
  /** Stops every part it started; safe to call more than once. */
  stop(): Promise<void>;
  /** The last lines serverless offline printed, when its output is buffered. */
  apiOutput(): string;
  /** A mark of serverless offline's output so far, for apiOutputSince. */
  apiOutputMark(): number;
  /** What serverless offline printed after `mark` (buffered output only). */
  apiOutputSince(mark: number): string;
}

class LocalStack implements Stack {
  readonly #options: StackOptions;
  readonly #ports: Ports;
  readonly #log: (line: string) => void;
  #dynamoDb: LocalDynamoDb | undefined;
  #offline: OfflineProcess | undefined;
  #env: NodeJS.ProcessEnv = {};
  apiUrl: string;
  simulatorUrl = '';
  dynamoDbEndpoint = '';
  breakerTable: string;
  simulator: Simulator | undefined;

  constructor(options: StackOptions, ports: Ports) {
    this.#options = options;
    this.#ports = ports;
    this.#log = options.log ?? (() => {});
    this.apiUrl = `http://127.0.0.1:${ports.api}`;
    this.breakerTable = options.breakerTable ?? defaultBreakerTable;
  }

  async start(): Promise<void> {
    await this.#startDynamoDb();
    const created = await createTable(this.dynamoDbEndpoint, this.breakerTable);
    this.#log(`table ${this.breakerTable} ${created ? 'created' : 'found'}`);
    await this.#startSimulator();
    this.#env = offlineEnv(this.#options, this.#ports, {
      dynamoDb: this.dynamoDbEndpoint,
      paymentService: this.simulatorUrl,
    });
    await this.#startApi();
  }

  apiOutput(): string {
    return this.#offline?.output() ?? '';
  }

  apiOutputMark(): number {
    return this.#offline?.outputMark() ?? 0;
  }

  apiOutputSince(mark: number): string {
    return this.#offline?.outputSince(mark) ?? '';
  }

  async restartApi(env: Record<string, string> = {}): Promise<void> {
    await this.#stopApi();
    this.#env = { ...this.#env, ...env };
    await this.#startApi();
  }

  async restartDynamoDb(): Promise<void> {
    if (this.#dynamoDb === undefined) return;
    await this.#dynamoDb.close();
    this.#dynamoDb = undefined;
    await this.#startDynamoDb();
  }

  async stop(): Promise<void> {
    const [offline, simulator, dynamoDb] = [
      this.#offline,
      this.simulator,
      this.#dynamoDb,
    ];
    this.simulator = this.#dynamoDb = undefined;
    await this.#stopApi();
    await simulator?.close();
    await dynamoDb?.close();
    if (offline || simulator || dynamoDb) this.#log('local stack stopped');
  }

  async #stopApi(): Promise<void> {
    const offline = this.#offline;
    this.#offline = undefined;
    await offline?.stop();
    const projectDir = this.#options.projectDir ?? process.cwd();
    const workFolder = join(projectDir, workFolderOf(this.#ports));
    await rm(workFolder, { recursive: true, force: true });
  }

  async #startDynamoDb(): Promise<void> {
    const { dynamoDbEndpoint, dynamoDbPath } = this.#options;
    if (dynamoDbEndpoint !== undefined) {
      this.dynamoDbEndpoint = dynamoDbEndpoint;
      return this.#log(`DynamoDB: using ${dynamoDbEndpoint}`);
    }
    this.#dynamoDb = await startDynamoDb(this.#options, this.#ports.dynamoDb);
    this.dynamoDbEndpoint = this.#dynamoDb.endpoint;
    // A restart reuses the port a first start on port 0 was given.
    this.#ports.dynamoDb = Number(new URL(this.dynamoDbEndpoint).port);
    const where = dynamoDbPath ?? 'memory';
    this.#log(
      `DynamoDB (dynalite, data in ${where}): ${this.dynamoDbEndpoint}`,
    );
  }

  async #startSimulator(): Promise<void> {
    const { paymentServiceUrl } = this.#options;
    if (paymentServiceUrl !== undefined) {
      this.simulatorUrl = paymentServiceUrl;
      return this.#log(`payment service: using ${paymentServiceUrl}`);
    }
    this.simulator = await startSimulator({ port: this.#ports.simulator });
    this.simulatorUrl = this.simulator.url;
    this.#log(`payment-service simulator: ${this.simulatorUrl}`);
  }

  async #startApi(): Promise<void> {
    this.#log('starting serverless offline...');
    const offline = await startOffline({
      projectDir: this.#options.projectDir ?? process.cwd(),
      apiUrl: this.apiUrl,
      env: this.#env,
      output: this.#options.output ?? 'buffer',
      readyTimeoutInMillis: this.#options.readyTimeoutInMillis,
    });
    this.#offline = offline;
    void offline.exited.then((reason) => {
      // A stop or restart clears #offline first; anything else is a crash.
      if (this.#offline === offline) this.#options.onApiExit?.(reason);
    });
    this.#log(`API ready: ${this.apiUrl}/payments/{paymentId}/status`);
  }
}

/**
 * Starts the local stack: dynalite (unless `dynamoDbEndpoint` is given), the
 * breaker table, the simulator (unless `paymentServiceUrl` is given) and
 * serverless offline. Checks every port first and fails with
 * PortTakenError naming the taken ones. On any failure, stops what it
 * started before rethrowing.
 */
export const startStack = async (
  options: StackOptions = {},
): Promise<Stack> => {
  const ports = await resolvePorts(options);
  await assertPortsFree(claimsOf(options, ports));
  const stack = new LocalStack(options, ports);
  try {
    await stack.start();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
};
