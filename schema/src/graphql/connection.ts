import { Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A Relay page as the services build it: nodes with their cursors, and whether more follow. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** `<Name>Edge { cursor, node }` for a node type. */
export function EdgeType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
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
  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection implements Page<T> {
    @Field(() => [Edge])
    edges!: { cursor: string; node: T }[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

export function CountedConnectionType<T extends object>(name: string, node: ClassType<T>) {
  const Edge = EdgeType(name, node);
  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class CountedConnection implements Page<T> {
    @Field(() => [Edge])
    edges!: { cursor: string; node: T }[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    count!: () => Promise<number>;

    @Field(() => Int)
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return CountedConnection;
}
