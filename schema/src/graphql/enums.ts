import { registerEnumType } from 'type-graphql';
import {
  ActivityFormat,
  FollowPolicy,
  FollowState,
  NotificationKind,
  Period,
  RaceDistance,
  RunEnvironment,
  TrainingLevel,
  Units,
  Visibility,
  Weekday,
} from '@maratron/domain';

// The contract's enums live in the domain package (plain TypeScript); here they become GraphQL's.
registerEnumType(Units, { name: 'Units' });
registerEnumType(Visibility, { name: 'Visibility' });
registerEnumType(RunEnvironment, { name: 'RunEnvironment' });
registerEnumType(Period, { name: 'Period' });
registerEnumType(TrainingLevel, { name: 'TrainingLevel' });
registerEnumType(Weekday, { name: 'Weekday' });
registerEnumType(NotificationKind, { name: 'NotificationKind' });
registerEnumType(ActivityFormat, { name: 'ActivityFormat' });
registerEnumType(RaceDistance, { name: 'RaceDistance' });
registerEnumType(FollowPolicy, { name: 'FollowPolicy' });
registerEnumType(FollowState, { name: 'FollowState' });

export {
  ActivityFormat,
  FollowPolicy,
  FollowState,
  NotificationKind,
  Period,
  RaceDistance,
  RunEnvironment,
  TrainingLevel,
  Units,
  Visibility,
  Weekday,
};
