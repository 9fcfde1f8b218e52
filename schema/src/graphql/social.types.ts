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
@ObjectType()
export class NotificationConnection implements Page<Notification> {
  @Field(() => [NotificationEdge])
  edges!: { cursor: string; node: Notification }[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  unread!: () => Promise<number>;

  @Field(() => Int)
  unreadCount(): Promise<number> {
    return this.unread();
  }
}

/** One place on a leaderboard: ranks run 1..n without gaps (ties broken by run count, then id). */
@ObjectType()
export class LeaderboardEntry {
  @Field(() => Int) rank!: number;
  @Field(() => User) user!: User;
  /** Metres in the period, from the runs the viewer may see. */
  @Field(() => Float) distance!: number;
  @Field(() => Int) runCount!: number;
}
