import type { AdapterFactory } from '../src/adapter.ts';
import type { AdapterName } from '../src/config.ts';
import { createTerminalAdapter } from './terminal/index.ts';

/** Every adapter the process can run; platform libraries load only when their adapter is enabled. */
export const adapterFactories: Record<AdapterName, AdapterFactory> = {
  terminal: createTerminalAdapter(),
  slack: async (deps) => (await import('./slack/index.ts')).createSlackAdapter()(deps),
  discord: async (deps) => (await import('./discord/index.ts')).createDiscordAdapter()(deps),
};
