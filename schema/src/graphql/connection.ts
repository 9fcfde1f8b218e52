import { Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';

@ObjectType({ description: 'Where a page of a Relay connection ends.', simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { description: "The cursor of the page's last item (pass it as `after`); null for an empty page.", nullable: true })
  endCursor!: string | null;
}

/** A Relay page as the services build it: nodes with their cursors, and whether more follow. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** The node type's name as a word in descriptions: `Run` -> "run". */
const nounOf = (name: string) => name.replace(/[A-Z]/g, (c, i: number) => (i ? ' ' : '') + c.toLowerCase());

/** `<Name>Edge { cursor, node }` for a node type. */
export function EdgeType<T extends object>(name: string, node: ClassType<T>) {
  const noun = nounOf(name);
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${noun} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: `Pass it as \`after\` to continue after this ${noun}.` })
    cursor!: string;

    @Field(() => node, { description: `The ${noun}.` })
    node!: T;
  }
  return Edge;
}

/**
 * `<Name>Connection { edges, pageInfo }`. Connections with a `totalCount` count lazily: the
 * count is a separate SQL statement that only runs when a client asks for it.
 */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  const Edge = EdgeType(name, node);
  const noun = nounOf(name);
  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${noun}s (Relay cursor connection: ask for more with \`first\` and \`after\`).`,
  })
  class Connection implements Page<T> {
    @Field(() => [Edge], { description: `The ${noun}s of this page, in the list's order, with their cursors.` })
    edges!: { cursor: string; node: T }[];

    @Field(() => PageInfo, { description: 'Whether more follow, and the cursor to ask for them.' })
    pageInfo!: PageInfo;
  }
  return Connection;
}

export function CountedConnectionType<T extends object>(name: string, node: ClassType<T>) {
  const Edge = EdgeType(name, node);
  const noun = nounOf(name);
  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${noun}s (Relay cursor connection: ask for more with \`first\` and \`after\`).`,
  })
  class CountedConnection implements Page<T> {
    @Field(() => [Edge], { description: `The ${noun}s of this page, in the list's order, with their cursors.` })
    edges!: { cursor: string; node: T }[];

    @Field(() => PageInfo, { description: 'Whether more follow, and the cursor to ask for them.' })
    pageInfo!: PageInfo;

    count!: () => Promise<number>;

    @Field(() => Int, { description: `How many ${noun}s the whole list has, not only this page (counted only when asked for).` })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return CountedConnection;
}
