export * from './errors';
export * from './validate';
export * from './visibility';
export * from './run.rules';
export * from './shoe.rules';
export * from './user.rules';
export * from './training.rules';
export * from './social.rules';
