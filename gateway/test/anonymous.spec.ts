import fs from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  isScalarType,
} from 'graphql';
import type { GraphQLArgument, GraphQLField, GraphQLInputType, GraphQLObjectType, GraphQLOutputType } from 'graphql';
import { SCHEMA_FILE } from '../src/emit-schema';
import { startTestGateway } from './harness';
import type { TestGateway } from './harness';
import { connectLive } from './live';

/**
 * Every root field of the public schema, sent without a credential, answers UNAUTHENTICATED —
 * except these, which are public by design.
 */
const PUBLIC_BY_DESIGN: Record<string, string> = {
  'Query.me': 'answers null for an anonymous caller, so a client can tell it is signed out',
  'Mutation.signUp': 'creates the credential',
  'Mutation.signIn': 'exchanges a password for the credential',
  'Mutation.requestPasswordReset': 'a runner who forgot their password has no credential; always answers true',
  'Mutation.resetPassword': "exchanges a reset link's one-time token for a new password and the credential",
};

const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
const ANY_ID = '00000000-0000-4000-8000-000000000000';

/** A value of the right type for an argument, so the call gets past validation to the resolver. */
function sample(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) if (isNonNullType(field.type)) out[field.name] = sample(field.type);
    return out;
  }
  if (isScalarType(inner)) {
    const byName: Record<string, unknown> = { ID: ANY_ID, String: 'x', Int: 1, Float: 1, Boolean: true, DateTime: '2024-05-01T06:00:00Z' };
    if (!(inner.name in byName)) throw new Error(`no sample for scalar ${inner.name}`);
    return byName[inner.name];
  }
  throw new Error(`no sample for ${String(type)}`);
}

function selection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  return isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
}

function operationFor(kind: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const defs = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const variables = Object.fromEntries(required.map((a) => [a.name, sample(a.type)]));
  const query = `${kind}${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection(field.type)} }`;
  return { query, variables };
}

const roots = (type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {});

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('without a credential', () => {
  const http = [
    ...roots(schema.getQueryType()).map((f) => ['query', f] as const),
    ...roots(schema.getMutationType()).map((f) => ['mutation', f] as const),
  ].filter(([kind, f]) => !PUBLIC_BY_DESIGN[`${kind === 'query' ? 'Query' : 'Mutation'}.${f.name}`]);

  it.each(http.map(([kind, f]) => [`${kind} ${f.name}`, kind, f] as const))(
    '%s answers UNAUTHENTICATED over HTTP',
    async (_name, kind, field) => {
      const { query, variables } = operationFor(kind, field);
      const res = await t.gql<Record<string, unknown>>(query, variables);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(res.data?.[field.name] ?? null).toBeNull();
    },
  );

  it.each(roots(schema.getSubscriptionType()).map((f) => [f.name, f] as const))(
    'subscription %s answers UNAUTHENTICATED over graphql-ws',
    async (_name, field) => {
      const live = connectLive(t.wsUrl);
      try {
        const { query, variables } = operationFor('subscription', field);
        const result = await live.subscribe(query, variables).next();
        expect(result.data ?? null).toBeNull();
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      } finally {
        await live.dispose();
      }
    },
  );

  it('the public fields are few and still exist', () => {
    for (const name of Object.keys(PUBLIC_BY_DESIGN)) {
      const [type, field] = name.split('.');
      expect(schema.getType(type) && (schema.getType(type) as GraphQLObjectType).getFields()[field]).toBeTruthy();
    }
  });
});
