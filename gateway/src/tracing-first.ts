// Loaded before anything else by gateway/src/main.ts and worker.ts (see observability/tracing.ts).
import { loadConfig } from '@maratron/core';
import { startTracing } from './observability/tracing';

// A configuration that doesn't parse is reported by the entry point itself, with every problem.
const tracing = (() => {
  try {
    return loadConfig().tracing;
  } catch {
    return null;
  }
})();
if (tracing) startTracing('maratron-gateway', tracing);
