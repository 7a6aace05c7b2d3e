import type { SimulatorStats } from '../../../local/simulatorFaults';

/** Drives a running simulator over its HTTP control API. */
export interface SimulatorControl {
  /** Adds faults (one fault or `{ faults: [...] }`); throws when rejected. */
  addFaults(body: unknown): Promise<void>;
  /** What reached `/status` since the last reset. */
  stats(): Promise<SimulatorStats>;
  /** Clears faults and stats. */
  reset(): Promise<void>;
}

const call = async (url: string, init?: RequestInit): Promise<unknown> => {
  const response = await fetch(url, init);
  const body: unknown = await response.json();
  if (!response.ok) {
    throw new Error(
      `${url} answered ${response.status}: ${JSON.stringify(body)}`,
    );
  }
  return body;
};

/** A control client for the simulator at `baseUrl()` (read on each call). */
export const simulatorControl = (baseUrl: () => string): SimulatorControl => ({
  addFaults: async (body) => {
    await call(`${baseUrl()}/__faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  },
  stats: async () => (await call(`${baseUrl()}/__stats`)) as SimulatorStats,
  reset: async () => {
    await call(`${baseUrl()}/__reset`, { method: 'POST' });
  },
});
