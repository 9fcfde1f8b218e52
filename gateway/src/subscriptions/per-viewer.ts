import { TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * Field extension (`@Extensions(PER_VIEWER)`) for a field whose value depends on who asks
 * beyond whether they may see its parent at all: `likedByViewer`, `isFollowedByViewer`,
 * `email`, a runner's runs and stats (visibility), a shoe's distance (visible runs), a
 * group's members and posts (membership). The live dispatcher executes a subscription
 * document once for every subscriber who may see the event when the document selects no
 * such field, and once per viewer when it does — so a new field that reads the viewer MUST
 * carry this mark.
 */
export const PER_VIEWER = { perViewer: true } as const;

/** Does the document select any field marked PER_VIEWER (through fragments too)? */
export function selectsPerViewerFields(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (typeInfo.getFieldDef()?.extensions?.perViewer) found = true;
      },
    }),
  );
  return found;
}
