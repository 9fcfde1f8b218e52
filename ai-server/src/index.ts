export { createAiServer } from './server';
export type { AiServer, AiServerDeps } from './server';
export type { ToolOutput } from './tools';
export type { ToolError } from './tool-results';
