export * from './user.entity';
export * from './training-profile.entity';
export * from './shoe.entity';
export * from './run.entity';
export * from './follow.entity';
export * from './run-track.entity';
export * from './run-effort.entity';
export * from './group.entity';
export * from './post.entity';
export * from './post-like.entity';
export * from './comment.entity';
export * from './notification.entity';

import { Comment } from './comment.entity';
import { Follow } from './follow.entity';
import { Group, GroupInvitation, GroupMember } from './group.entity';
import { Notification } from './notification.entity';
import { Post } from './post.entity';
import { PostLike } from './post-like.entity';
import { Run } from './run.entity';
import { RunEffort } from './run-effort.entity';
import { RunTrack } from './run-track.entity';
import { Shoe } from './shoe.entity';
import { TrainingProfile } from './training-profile.entity';
import { User } from './user.entity';

/** Every entity, for the DataSource of the gateway, the ai-server and the tests. */
export const entities = [User, TrainingProfile, Shoe, Run, Follow, RunTrack, RunEffort, Group, GroupMember, GroupInvitation, Post, PostLike, Comment, Notification];
