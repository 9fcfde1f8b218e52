import 'reflect-metadata';
export * from './graphql';
export * from './entities';
export * from './rules';
export * from './domain';
