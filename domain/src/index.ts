// The pure domain: rules, maths, activity-file readers and writers, errors and formatting. No I/O,
// no TypeORM, type-graphql or graphql: shared by the gateway, the ai-server and the web client.
export * from './enums';
export * from './rules';
export * from './units';
export * from './geo';
export * from './privacy-zones';
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
export * from './archive-format';
export * from './scopes';
export * from './shoe-wear';
