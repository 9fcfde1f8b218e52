export { createAiServer } from './server';
export type { AiServer, AiServerDeps } from './server';
