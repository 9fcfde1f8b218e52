export * from './user.entity';
export * from './training-profile.entity';
export * from './shoe.entity';
export * from './run.entity';
export * from './follow.entity';
export * from './run-track.entity';
export * from './run-effort.entity';

import { Follow } from './follow.entity';
import { Run } from './run.entity';
import { RunEffort } from './run-effort.entity';
import { RunTrack } from './run-track.entity';
import { Shoe } from './shoe.entity';
import { TrainingProfile } from './training-profile.entity';
import { User } from './user.entity';

/** Every entity, for the DataSource of the gateway, the ai-server and the tests. */
export const entities = [User, TrainingProfile, Shoe, Run, Follow, RunTrack, RunEffort];
