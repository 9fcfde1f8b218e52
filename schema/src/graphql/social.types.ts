import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Comment } from '../entities/comment.entity';
import { Group } from '../entities/group.entity';
import { Notification } from '../entities/notification.entity';
import { Post } from '../entities/post.entity';
import { User } from '../entities/user.entity';
import { ConnectionType, CountedConnectionType, EdgeType, PageInfo } from './connection';
import type { Page } from './connection';

export const PostConnection = ConnectionType('Post', Post);
export type PostConnection = InstanceType<typeof PostConnection>;

export const CommentConnection = CountedConnectionType('Comment', Comment);
export type CommentConnection = InstanceType<typeof CommentConnection>;

export const GroupConnection = ConnectionType('Group', Group);
export type GroupConnection = InstanceType<typeof GroupConnection>;

export const UserConnection = CountedConnectionType('User', User);
export type UserConnection = InstanceType<typeof UserConnection>;

const NotificationEdge = EdgeType('Notification', Notification);

/** The viewer's notifications, newest first; `unreadCount` counts all unread ones, lazily. */
@ObjectType({ description: "A page of the viewer's notifications." })
export class NotificationConnection implements Page<Notification> {
  @Field(() => [NotificationEdge], { description: 'The notifications of this page, with their cursors.' })
  edges!: { cursor: string; node: Notification }[];

  @Field(() => PageInfo, { description: 'Whether more follow, and the cursor to ask for them.' })
  pageInfo!: PageInfo;

  unread!: () => Promise<number>;

  @Field(() => Int, { description: "How many of all the viewer's notifications (not only this page) are unread." })
  unreadCount(): Promise<number> {
    return this.unread();
  }
}

/** One place on a leaderboard: ranks run 1..n without gaps (ties broken by run count, then id). */
@ObjectType({ description: 'One place of a leaderboard.' })
export class LeaderboardEntry {
  @Field(() => Int, {
    description: 'The place, 1..n: most distance first; equal distances go to the runner with more runs, then in a stable order.',
  })
  rank!: number;
  @Field(() => User, { description: 'The runner.' }) user!: User;
  /** Metres in the period, from the runs the viewer may see. */
  @Field(() => Float, { description: 'Metres run in the period (runs the viewer may see only).' }) distance!: number;
  @Field(() => Int, { description: 'Runs counted in the period.' }) runCount!: number;
}
