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
registerEnumType(Units, {
  name: 'Units',
  description: 'How the web client shows distances and paces (the API always uses metres and seconds).',
  valuesConfig: {
    IMPERIAL: { description: 'Miles, feet, minutes per mile.' },
    METRIC: { description: 'Kilometres, metres, minutes per km.' },
  },
});
registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'Who may see a run (and the posts sharing it).',
  valuesConfig: {
    FOLLOWERS: { description: "The owner's followers and the owner." },
    PRIVATE: { description: 'The owner only.' },
    PUBLIC: { description: 'Every signed-in runner, except runners the owner blocked.' },
  },
});
registerEnumType(RunEnvironment, {
  name: 'RunEnvironment',
  description: 'Where a run took place.',
  valuesConfig: {
    OUTDOOR: { description: 'Outdoors on roads or paths (the default).' },
    TRACK: { description: 'On an athletics track.' },
    TRAIL: { description: 'On trails.' },
    TREADMILL: { description: 'On a treadmill (usually no GPS track).' },
  },
});
registerEnumType(Period, {
  name: 'Period',
  description: 'A calendar period containing the current moment, in UTC.',
  valuesConfig: {
    ALL_TIME: { description: 'Since the first run.' },
    MONTH: { description: 'The current calendar month.' },
    WEEK: { description: 'This ISO week, Monday 00:00 UTC to the next Monday.' },
    YEAR: { description: 'The current calendar year.' },
  },
});
registerEnumType(TrainingLevel, {
  name: 'TrainingLevel',
  description: 'How experienced a runner says they are.',
  valuesConfig: {
    ADVANCED: { description: 'Years of structured training, racing regularly.' },
    BEGINNER: { description: 'New to running or coming back to it.' },
    INTERMEDIATE: { description: 'Runs regularly, has raced a few times.' },
  },
});
registerEnumType(Weekday, {
  name: 'Weekday',
  description: 'A day of the week.',
  valuesConfig: {
    FRI: { description: 'Friday.' },
    MON: { description: 'Monday.' },
    SAT: { description: 'Saturday.' },
    SUN: { description: 'Sunday.' },
    THU: { description: 'Thursday.' },
    TUE: { description: 'Tuesday.' },
    WED: { description: 'Wednesday.' },
  },
});
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about.',
  valuesConfig: {
    COMMENTED: { description: "Someone commented on the viewer's post." },
    FOLLOWED: { description: 'Someone started following the viewer.' },
    FOLLOW_APPROVED: { description: "A runner approved the viewer's request to follow them." },
    FOLLOW_REQUESTED: { description: 'Someone asks to follow the viewer (APPROVAL policy).' },
    GROUP_INVITE: { description: 'A member invited the viewer to a group.' },
    GROUP_POST: { description: "Someone posted in one of the viewer's groups." },
    LIKED: { description: "Someone liked the viewer's post." },
  },
});
registerEnumType(ActivityFormat, {
  name: 'ActivityFormat',
  description: 'The format of an activity file given to importActivity.',
  valuesConfig: {
    FIT: { description: "Garmin FIT, binary: send base64 of the file's bytes." },
    GPX: { description: "GPX 1.0/1.1 XML: send the file's text." },
    TCX: { description: "Garmin Training Center XML: send the file's text." },
  },
});
registerEnumType(RaceDistance, {
  name: 'RaceDistance',
  description: 'A standard race distance.',
  valuesConfig: {
    HALF_MARATHON: { description: '21 097.5 metres.' },
    K5: { description: '5000 metres.' },
    K10: { description: '10 000 metres.' },
    MARATHON: { description: '42 195 metres.' },
  },
});
registerEnumType(FollowPolicy, {
  name: 'FollowPolicy',
  description: 'Who may follow a runner.',
  valuesConfig: {
    APPROVAL: { description: 'A follow is a request that the runner approves or declines.' },
    OPEN: { description: 'Anyone not blocked may follow at once (the default).' },
  },
});
registerEnumType(FollowState, {
  name: 'FollowState',
  description: "The viewer's relation to a runner they may follow.",
  valuesConfig: {
    FOLLOWING: { description: 'The viewer follows the runner.' },
    NONE: { description: 'The viewer does not follow the runner and has not asked to.' },
    REQUESTED: { description: 'The viewer asked to follow and the runner has not answered yet.' },
  },
});

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
