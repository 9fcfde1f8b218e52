import { Visibility } from '../enums';

/**
 * THE visibility rule (DESIGN.md, Rules of the domain). Every read path asks this module,
 * in one of its two forms — `canView` for a row already in memory, `visibleToViewerSql` for a
 * WHERE clause — and a unit test keeps the two in agreement.
 *
 * - PUBLIC: everyone signed in;
 * - FOLLOWERS: the owner and the owner's followers;
 * - PRIVATE: the owner alone.
 */
export interface Owned {
  userId: string;
  visibility: Visibility;
}

export function canView(viewerId: string | null, item: Owned, viewerFollowsOwner: boolean): boolean {
  if (!viewerId) return false;
  if (item.userId === viewerId) return true;
  if (item.visibility === Visibility.PUBLIC) return true;
  return item.visibility === Visibility.FOLLOWERS && viewerFollowsOwner;
}

/**
 * The same rule as SQL over a row aliased `alias` with `user_id` and `visibility` columns.
 * `viewerParam` is the placeholder holding the viewer's id (e.g. `$1`).
 */
export function visibleToViewerSql(alias: string, viewerParam: string): string {
  return `(${alias}.user_id = ${viewerParam} OR ${alias}.visibility = 'PUBLIC' OR (${alias}.visibility = 'FOLLOWERS' AND EXISTS (SELECT 1 FROM follows vf WHERE vf.follower_id = ${viewerParam} AND vf.followee_id = ${alias}.user_id)))`;
}

/** Visibility levels a viewer gets for one owner's items, for queries scoped to that owner. */
export function visibleLevels(viewerId: string, ownerId: string, viewerFollowsOwner: boolean): Visibility[] {
  if (viewerId === ownerId) return [Visibility.PUBLIC, Visibility.FOLLOWERS, Visibility.PRIVATE];
  return viewerFollowsOwner ? [Visibility.PUBLIC, Visibility.FOLLOWERS] : [Visibility.PUBLIC];
}

/**
 * A post as the visibility rule needs it: its author (`userId`), its effective visibility
 * (the shared run's, PUBLIC without a run — the database keeps it so) and its group.
 */
export interface PostAudience extends Owned {
  groupId: string | null;
  groupPrivate: boolean;
}

/**
 * THE rule for posts: the run rule above applied to the post's effective visibility, and a
 * private group's posts for its members only. Authors always see their own posts.
 */
export function canViewPost(
  viewerId: string | null,
  post: PostAudience,
  viewerFollowsAuthor: boolean,
  viewerIsGroupMember: boolean,
): boolean {
  if (!viewerId) return false;
  if (post.userId === viewerId) return true;
  if (post.groupId !== null && post.groupPrivate && !viewerIsGroupMember) return false;
  return canView(viewerId, post, viewerFollowsAuthor);
}

/** The same rule as SQL over a `posts` row aliased `alias`. */
export function postVisibleToViewerSql(alias: string, viewerParam: string): string {
  return `(${visibleToViewerSql(alias, viewerParam)} AND (${alias}.user_id = ${viewerParam} OR ${alias}.group_id IS NULL OR EXISTS (SELECT 1 FROM groups vg WHERE vg.id = ${alias}.group_id AND (NOT vg.private OR EXISTS (SELECT 1 FROM group_members vm WHERE vm.group_id = vg.id AND vm.user_id = ${viewerParam})))))`;
}
