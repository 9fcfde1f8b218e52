export * from './enums';
export * from './connection';
export * from './types';
export * from './social.types';
