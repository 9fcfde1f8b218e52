export * from './enums';
export * from './connection';
export * from './types';
export * from './training';
export * from './social.types';
export * from './imports';
export * from './coach.types';
export * from './sessions.types';
