import 'reflect-metadata';
export * from './graphql';
export * from './entities';
