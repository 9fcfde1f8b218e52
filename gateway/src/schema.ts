import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchemaSync } from 'type-graphql';
import type { ContainerType } from 'type-graphql';
import { RunResolver } from './runs/run.resolver';
import { RunsResolver } from './runs/runs.resolver';
import type { Services } from './services';
import { ShoeResolver } from './shoes/shoe.resolver';
import { ShoesResolver } from './shoes/shoes.resolver';
import { FollowsResolver } from './social/follows.resolver';
import { TrainingResolver } from './training/training.resolver';
import { TrainingSummaryResolver } from './training/training-summary.resolver';
import { UserResolver } from './users/user.resolver';
import { UsersResolver } from './users/users.resolver';

/** Resolver instances, each given the services it calls. */
function resolverInstances(s: Services) {
  return [
    new UsersResolver(s.users),
    new UserResolver(s.runs, s.shoes, s.follows),
    new RunsResolver(s.runs),
    new RunResolver(),
    new ShoesResolver(s.shoes),
    new ShoeResolver(s.shoes),
    new FollowsResolver(s.follows),
    new TrainingResolver(s.training),
    new TrainingSummaryResolver(s.training),
  ];
}

export function buildGatewaySchema(services: Services): GraphQLSchema {
  const instances = resolverInstances(services);
  const container: ContainerType = {
    get: (cls) => instances.find((r) => r.constructor === cls),
  };
  return buildSchemaSync({
    resolvers: instances.map((r) => r.constructor) as unknown as [Function, ...Function[]],
    container,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
  });
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
