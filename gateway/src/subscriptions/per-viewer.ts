import { TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * Field extension (`@Extensions(PER_VIEWER)`) for a field whose value depends on who asks
 * beyond whether they may see its parent at all: `likedByViewer`, `isFollowedByViewer`,
 * `email`, a runner's runs and stats (visibility), a shoe's distance (visible runs), a
 * group's members and posts (membership). The live dispatcher executes a subscription
 * document once for every subscriber who may see the event when the document selects no
 * such field, and once per viewer when it does — so a new field that reads the viewer MUST
 * carry this mark (or OWNER_VIEW, below, when that is all it depends on).
 */
export const PER_VIEWER = { perViewer: true } as const;

/**
 * Field extension (`@Extensions(OWNER_VIEW)`) for a field whose value is the same for everyone
 * who may see its parent except the runner it belongs to, who sees more: a run's `track` (privacy
 * zones and a hidden map apply to everyone but its runner). The live dispatcher executes such a
 * document once for the event's owner (channel.ownersOf) and once for everyone else — never
 * once for all, which would hand the owner's view to the others.
 */
export const OWNER_VIEW = { ownerView: true } as const;

/** How a subscription document's result depends on who receives it. */
export type ViewerDependence = 'none' | 'owner' | 'viewer';

/** Does the document select fields marked PER_VIEWER or OWNER_VIEW (through fragments too)? */
export function viewerDependence(schema: GraphQLSchema, document: DocumentNode): ViewerDependence {
  const typeInfo = new TypeInfo(schema);
  let found: ViewerDependence = 'none';
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const extensions = typeInfo.getFieldDef()?.extensions;
        if (extensions?.perViewer) found = 'viewer';
        else if (extensions?.ownerView && found === 'none') found = 'owner';
      },
    }),
  );
  return found;
}

/** Does the document select any field marked PER_VIEWER (through fragments too)? */
export function selectsPerViewerFields(schema: GraphQLSchema, document: DocumentNode): boolean {
  return viewerDependence(schema, document) === 'viewer';
}
