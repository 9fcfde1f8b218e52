// Loaded before anything else by gateway/src/main.ts and worker.ts (see observability/tracing.ts).
import { startTracing } from './observability/tracing';

startTracing('maratron-gateway');
