import { badInput, forbidden, groupQuerySchema, newGroupSchema, NotificationKind, notFound, parseId, parseInput } from '@maratron/domain';
import { Group } from '@maratron/schema';
import type { Page, User } from '@maratron/schema';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import type { NotificationsService } from '../notifications/notifications.service';
import { GROUP_COLUMNS } from './groups.sql';

export interface MembersPage extends Page<User> {
  count: () => Promise<number>;
}

/**
 * Groups. Anyone signed in sees a group's name, description, owner and size; a private
 * group's members and posts are for members only, it is listed by `groups` only to its
 * members and invitees, and joining it takes an invitation from a member. The owner can't
 * leave (the group would have no owner); a group ends with its owner's account.
 */
export class GroupsService {
  constructor(private readonly notifications: NotificationsService) {}

  async create(ctx: RequestContext, input: unknown): Promise<Group> {
    const viewerId = requireViewer(ctx);
    const data = parseInput(newGroupSchema, input);
    return ctx.db.transaction(async () => {
      const rows = await ctx.db.query<Group>(
        `INSERT INTO groups AS g (name, description, private, owner_id) VALUES ($1, $2, $3, $4) RETURNING ${GROUP_COLUMNS}`,
        [data.name, data.description, data.private, viewerId],
      );
      const group = hydrate(Group, rows)[0];
      await ctx.db.execute(`INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)`, [group.id, viewerId]);
      return group;
    });
  }

  async get(ctx: RequestContext, id: string): Promise<Group | null> {
    requireViewer(ctx);
    return ctx.loaders.groupById.load(parseId(id));
  }

  /** A group by id, or NOT_FOUND naming the argument. */
  async require(ctx: RequestContext, id: string, field = 'groupId'): Promise<Group> {
    const group = await ctx.loaders.groupById.load(parseId(id, field));
    if (!group) throw notFound('Group');
    return group;
  }

  /**
   * Groups whose name starts with `query` (every group without one), newest first: public
   * groups, and private ones the viewer belongs to or is invited to.
   */
  async search(
    ctx: RequestContext,
    query: string | null | undefined,
    firstArg: number | null | undefined,
    afterArg: string | null | undefined,
  ): Promise<Page<Group>> {
    const viewerId = requireViewer(ctx);
    const prefix = parseInput(groupQuerySchema, query, 'query');
    const first = pageSize(firstArg);
    const after = decodeCursor(afterArg);
    const pattern = prefix === null ? null : prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    if (first === 0) return toPage([], 0, (g: Group) => ({ at: g.createdAt, id: g.id }));
    // The owner is joined (under row-level security) so that a group whose owner blocked the viewer is left out.
    const rows = await ctx.db.query<Group>(
      `SELECT ${GROUP_COLUMNS} FROM groups g JOIN users o ON o.id = g.owner_id
        WHERE ($2::text IS NULL OR lower(g.name) LIKE $2 || '%')
          AND (NOT g.private
               OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = $1)
               OR EXISTS (SELECT 1 FROM group_invitations i WHERE i.group_id = g.id AND i.user_id = $1))
          AND ($3::timestamptz IS NULL OR (g.created_at, g.id) < ($3, $4::uuid))
        ORDER BY g.created_at DESC, g.id DESC LIMIT $5`,
      [viewerId, pattern, after?.at ?? null, after?.id ?? null, first + 1],
    );
    return toPage(hydrate(Group, rows), first, (g) => ({ at: g.createdAt, id: g.id }));
  }

  /** Idempotent. A private group needs an invitation (used up by joining), else FORBIDDEN. */
  async join(ctx: RequestContext, groupId: string): Promise<Group> {
    const viewerId = requireViewer(ctx);
    const group = await this.require(ctx, groupId);
    return ctx.db.transaction(async () => {
      if (await this.isMember(ctx, group.id, viewerId)) return group;
      if (group.isPrivate) {
        const used = await ctx.db.execute(`DELETE FROM group_invitations WHERE group_id = $1 AND user_id = $2`, [group.id, viewerId]);
        if (!used) throw forbidden('This group is private: a member has to invite you first');
      }
      await ctx.db.execute(`INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [group.id, viewerId]);
      this.forget(ctx, group.id);
      return group;
    });
  }

  /** Idempotent; the owner can't leave their own group (FORBIDDEN). */
  async leave(ctx: RequestContext, groupId: string): Promise<Group> {
    const viewerId = requireViewer(ctx);
    const group = await this.require(ctx, groupId);
    if (group.ownerId === viewerId) throw forbidden('The owner cannot leave their own group');
    await ctx.db.execute(`DELETE FROM group_members WHERE group_id = $1 AND user_id = $2`, [group.id, viewerId]);
    this.forget(ctx, group.id);
    return group;
  }

  /**
   * A member invites someone into the group (what joining a private group takes); the
   * invitee is notified. Idempotent: inviting a member or someone already invited changes nothing.
   */
  async invite(ctx: RequestContext, groupId: string, userId: string): Promise<Group> {
    const viewerId = requireViewer(ctx);
    const group = await this.require(ctx, groupId);
    const invitee = await ctx.loaders.userById.load(parseId(userId, 'userId'));
    if (!invitee) throw notFound('User');
    if (invitee.id === viewerId) throw badInput('userId', 'You cannot invite yourself');
    return ctx.db.transaction(async () => {
      if (!(await this.isMember(ctx, group.id, viewerId))) throw forbidden('Only members can invite to a group');
      if (await this.isMember(ctx, group.id, invitee.id)) return group;
      const inserted = await ctx.db.execute(
        `INSERT INTO group_invitations (group_id, user_id, invited_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [group.id, invitee.id, viewerId],
      );
      if (inserted)
        await this.notifications.notify(ctx, [invitee.id], { actorId: viewerId, kind: NotificationKind.GROUP_INVITE, groupId: group.id });
      return group;
    });
  }

  memberCount(ctx: RequestContext, groupId: string): Promise<number> {
    return ctx.loaders.memberCount.load(groupId);
  }

  isViewerMember(ctx: RequestContext, groupId: string): Promise<boolean> {
    return ctx.loaders.viewerIsMember.load(groupId);
  }

  /** May the viewer see this group's members and posts? Public groups: everyone; private: members. */
  async canSeeInside(ctx: RequestContext, group: Group): Promise<boolean> {
    return !group.isPrivate || (await this.isViewerMember(ctx, group.id));
  }

  /** Members in joining order; an empty list to non-members of a private group. */
  async members(
    ctx: RequestContext,
    group: Group,
    firstArg: number | null | undefined,
    afterArg: string | null | undefined,
  ): Promise<MembersPage> {
    requireViewer(ctx);
    const first = pageSize(firstArg);
    const after = decodeCursor(afterArg);
    const visible = await this.canSeeInside(ctx, group);
    const rows = !visible || first === 0 ? [] : await ctx.loaders.membersPage.load({ parentId: group.id, limit: first + 1, after });
    return {
      ...toPage(rows, first, (m) => ({ at: m.joinedAt, id: m.id })),
      count: async () => (visible ? this.memberCount(ctx, group.id) : 0),
    };
  }

  private async isMember(ctx: RequestContext, groupId: string, userId: string): Promise<boolean> {
    return (await ctx.db.execute(`SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2`, [groupId, userId])) > 0;
  }

  private forget(ctx: RequestContext, groupId: string) {
    ctx.loaders.viewerIsMember.clear(groupId);
    ctx.loaders.memberCount.clear(groupId);
  }
}
