export * from './topics';
export * from './bus';
export * from './publish';
