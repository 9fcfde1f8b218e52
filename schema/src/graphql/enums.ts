import { registerEnumType } from 'type-graphql';

// The contract's enums. String values equal their names so they read the same in SQL,
// JSON payloads and GraphQL.
export enum Units { METRIC = 'METRIC', IMPERIAL = 'IMPERIAL' }
export enum Visibility { PUBLIC = 'PUBLIC', FOLLOWERS = 'FOLLOWERS', PRIVATE = 'PRIVATE' }
export enum RunEnvironment { OUTDOOR = 'OUTDOOR', TREADMILL = 'TREADMILL', TRACK = 'TRACK', TRAIL = 'TRAIL' }
export enum Period { WEEK = 'WEEK', MONTH = 'MONTH', YEAR = 'YEAR', ALL_TIME = 'ALL_TIME' }
export enum TrainingLevel { BEGINNER = 'BEGINNER', INTERMEDIATE = 'INTERMEDIATE', ADVANCED = 'ADVANCED' }
export enum Weekday { MON = 'MON', TUE = 'TUE', WED = 'WED', THU = 'THU', FRI = 'FRI', SAT = 'SAT', SUN = 'SUN' }

registerEnumType(Units, { name: 'Units' });
registerEnumType(Visibility, { name: 'Visibility' });
registerEnumType(RunEnvironment, { name: 'RunEnvironment' });
registerEnumType(Period, { name: 'Period' });
registerEnumType(TrainingLevel, { name: 'TrainingLevel' });
registerEnumType(Weekday, { name: 'Weekday' });

/** What a notification is about. GROUP_INVITE is an addition to the contract's four kinds. */
export enum NotificationKind { FOLLOWED = 'FOLLOWED', LIKED = 'LIKED', COMMENTED = 'COMMENTED', GROUP_POST = 'GROUP_POST', GROUP_INVITE = 'GROUP_INVITE' }
registerEnumType(NotificationKind, { name: 'NotificationKind' });
