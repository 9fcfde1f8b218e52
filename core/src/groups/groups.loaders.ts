import DataLoader from 'dataloader';
import { Group, User } from '@maratron/schema';
import { childPagesLoader } from '../database/child-pages';
import type { ChildPageKey } from '../database/child-pages';
import type { RequestDb } from '../database/request-db';
import { byKey, hydrate } from '../database/rows';
import { USER_COLUMNS } from '../users/users.sql';
import { GROUP_COLUMNS } from './groups.sql';

/** A member as the members list shows them, with when they joined (the list's sort key). */
export type Member = User & { joinedAt: Date };

export function createGroupLoaders(db: RequestDb, viewerId: string | null) {
  return {
    /**
     * Groups by id, with their owner: a group whose owner the viewer may not see (someone who
     * blocked them: row-level security on users) is not found, so Group.owner is never missing.
     */
    groupById: new DataLoader<string, Group | null>(async (ids) => {
      const rows = await db.query<Group>(
        `SELECT ${GROUP_COLUMNS} FROM groups g JOIN users o ON o.id = g.owner_id WHERE g.id = ANY($1::uuid[])`,
        [ids],
      );
      return byKey(ids, hydrate(Group, rows), (g) => g.id);
    }),

    memberCount: new DataLoader<string, number>(async (ids) => {
      const rows = await db.query<{ id: string; n: number }>(
        // Counted by a database function: a private group's size is public, its members are not.
        `SELECT group_id AS id, members AS n FROM maratron_member_counts($1::uuid[])`,
        [ids],
      );
      return byKey(ids, rows, (r) => r.id).map((r) => r?.n ?? 0);
    }),

    /** Is the viewer a member of this group? */
    viewerIsMember: new DataLoader<string, boolean>(async (ids) => {
      if (!viewerId) return ids.map(() => false);
      const rows = await db.query<{ id: string }>(
        `SELECT group_id AS id FROM group_members WHERE user_id = $1 AND group_id = ANY($2::uuid[])`,
        [viewerId, ids],
      );
      const member = new Set(rows.map((r) => r.id));
      return ids.map((id) => member.has(id));
    }),

    /** A group's members in joining order (callers check that the viewer may see them). */
    membersPage: childPagesLoader(
      db,
      viewerId,
      User,
      `SELECT ${USER_COLUMNS}, m.created_at AS "joinedAt" FROM group_members m JOIN users u ON u.id = m.user_id
        WHERE m.group_id = k.parent AND (k.c_at IS NULL OR (m.created_at, m.user_id) > (k.c_at, k.c_id))
        ORDER BY m.created_at, m.user_id LIMIT $5`,
    ) as DataLoader<ChildPageKey, Member[], string>,
  };
}
