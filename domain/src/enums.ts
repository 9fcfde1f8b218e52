// The contract's enums as plain TypeScript: the domain's rules speak them, and schema/
// registers them with GraphQL. String values equal their names so they read the same in SQL,
// JSON payloads and GraphQL.
export enum Units {
  METRIC = 'METRIC',
  IMPERIAL = 'IMPERIAL',
}
export enum Visibility {
  PUBLIC = 'PUBLIC',
  FOLLOWERS = 'FOLLOWERS',
  PRIVATE = 'PRIVATE',
}
export enum RunEnvironment {
  OUTDOOR = 'OUTDOOR',
  TREADMILL = 'TREADMILL',
  TRACK = 'TRACK',
  TRAIL = 'TRAIL',
}
export enum Period {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
  ALL_TIME = 'ALL_TIME',
}
export enum TrainingLevel {
  BEGINNER = 'BEGINNER',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
}
export enum Weekday {
  MON = 'MON',
  TUE = 'TUE',
  WED = 'WED',
  THU = 'THU',
  FRI = 'FRI',
  SAT = 'SAT',
  SUN = 'SUN',
}
/** What a notification is about. GROUP_INVITE is an addition to the contract's four kinds. */
export enum NotificationKind {
  FOLLOWED = 'FOLLOWED',
  LIKED = 'LIKED',
  COMMENTED = 'COMMENTED',
  GROUP_POST = 'GROUP_POST',
  GROUP_INVITE = 'GROUP_INVITE',
  /** Someone asked to follow the recipient (whose follow policy is APPROVAL); gone once the request is answered or withdrawn. */
  FOLLOW_REQUESTED = 'FOLLOW_REQUESTED',
  /** The recipient's request to follow the actor was approved. */
  FOLLOW_APPROVED = 'FOLLOW_APPROVED',
}
/** importActivity's file formats: GPX and TCX as text, FIT as base64 (any of them may be gzip-compressed, then base64). Same values as ActivityFileFormat. */
export enum ActivityFormat {
  GPX = 'GPX',
  TCX = 'TCX',
  FIT = 'FIT',
}
/** Same values as RaceDistanceKey; metres in RACE_DISTANCES. */
export enum RaceDistance {
  K5 = 'K5',
  K10 = 'K10',
  HALF_MARATHON = 'HALF_MARATHON',
  MARATHON = 'MARATHON',
}
/** Who may follow a runner: OPEN, anyone at once; APPROVAL, following asks and the runner approves. */
export enum FollowPolicy {
  OPEN = 'OPEN',
  APPROVAL = 'APPROVAL',
}
/** The viewer's relation to a runner: not following, a request pending their approval, or following. */
export enum FollowState {
  NONE = 'NONE',
  REQUESTED = 'REQUESTED',
  FOLLOWING = 'FOLLOWING',
}
