// Pure domain rules and maths: no I/O, shared by the gateway and the ai-server.
export * from './geo';
export * from './pace';
export * from './activity-file';
export * from './activity-summary';
export * from './records';
export * from './vdot';
export * from './training-load';
export * from './weeks';
export * from './gpx-writer';
export * from './recording';
export * from './predictions';
export * from './fit-file';
export * from './training-plan';
