import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { currentSdl } from '../src/emit-schema';

/**
 * The public schema documents itself: every type, field, argument, input field and enum value
 * carries a description (written in the type-graphql decorators, emitted into
 * schema/schema.graphql), and anything deprecated says why. Built types the spec provides
 * (String, Int, __Schema…) are GraphQL's own and documented there.
 */
function undocumented(schema: GraphQLSchema): { missing: string[]; deprecatedWithoutReason: string[] } {
  const missing: string[] = [];
  const deprecatedWithoutReason: string[] = [];
  const has = (text: string | null | undefined) => typeof text === 'string' && text.trim().length > 0;
  const deprecation = (coordinate: string, reason: string | null | undefined) => {
    // graphql-js fills in "No longer supported" when @deprecated has no reason: that is no reason.
    if (reason !== undefined && reason !== null && (!has(reason) || reason === 'No longer supported'))
      deprecatedWithoutReason.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!has(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const at = `${type.name}.${field.name}`;
        if (!has(field.description)) missing.push(at);
        deprecation(at, field.deprecationReason);
        for (const arg of field.args) {
          if (!has(arg.description)) missing.push(`${at}(${arg.name}:)`);
          deprecation(`${at}(${arg.name}:)`, arg.deprecationReason);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const at = `${type.name}.${field.name}`;
        if (!has(field.description)) missing.push(at);
        deprecation(at, field.deprecationReason);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        const at = `${type.name}.${value.name}`;
        if (!has(value.description)) missing.push(at);
        deprecation(at, value.deprecationReason);
      }
    } else if (isUnionType(type)) {
      // A union's members are types of their own, checked above.
    }
  }
  return { missing: missing.sort(), deprecatedWithoutReason: deprecatedWithoutReason.sort() };
}

describe('the documented schema', () => {
  const schema = buildSchema(currentSdl());

  it('describes every type, field, argument, input field and enum value (add `description:` to the decorator)', () => {
    const { missing } = undocumented(schema);
    if (missing.length > 0) {
      throw new Error(`${missing.length} schema coordinates have no description:\n  ${missing.join('\n  ')}`);
    }
  });

  it('gives a reason for every deprecation', () => {
    const { deprecatedWithoutReason } = undocumented(schema);
    expect(deprecatedWithoutReason).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const probe = buildSchema(`
      """A documented type."""
      type Query {
        """Documented."""
        a(x: Int): Int
        b: Int @deprecated
      }
      enum E { ONE }
    `);
    const { missing, deprecatedWithoutReason } = undocumented(probe);
    expect(missing).toEqual(['E', 'E.ONE', 'Query.a(x:)', 'Query.b']);
    expect(deprecatedWithoutReason).toEqual(['Query.b']);
  });
});
