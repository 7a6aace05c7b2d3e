import { startSimulator } from './simulator';

// `npm run simulator`: the simulator alone, on SIMULATOR_PORT (default 4010).
const port = Number(process.env.SIMULATOR_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`SIMULATOR_PORT must be a port number, got ${port}`);
  process.exit(1);
}

const simulator = await startSimulator({ port }).catch((error: Error) => {
  console.error(`simulator could not listen on port ${port}: ${error.message}`);
  process.exit(1);
});
console.log(`payment-service simulator listening on ${simulator.url}`);

const stop = () => void simulator.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
