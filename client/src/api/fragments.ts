import { graphql } from '../gql';

/** Selections shared by queries, mutations and subscriptions, so each writes the same cache shape. */
export const UserSummaryFragment = graphql(`
  fragment UserSummary on User {
    id
    username
    name
  }
`);

export const ViewerFragment = graphql(`
  fragment ViewerFields on User {
    id
    username
    name
    email
    bio
    units
    createdAt
    defaultVisibility
    followPolicy
    twoFactorEnabled
    trainingProfile {
      level
      goals
      weeklyDistanceGoal
      preferredDays
      yearsRunning
      injuryNotes
    }
  }
`);

export const RunFragment = graphql(`
  fragment RunFields on Run {
    id
    name
    startedAt
    distance
    duration
    pace
    elevationGain
    averageHeartRate
    environment
    visibility
    hideTrack
    notes
    createdAt
    shoe {
      id
      name
    }
  }
`);

export const ShoeFragment = graphql(`
  fragment ShoeFields on Shoe {
    id
    name
    brand
    distance
    maxDistance
    usage
    retired
    isDefault
    runCount
    createdAt
  }
`);

export const PostFragment = graphql(`
  fragment PostFields on Post {
    id
    text
    createdAt
    likeCount
    likedByViewer
    commentCount
    author {
      ...UserSummary
    }
    run {
      id
      name
      startedAt
      distance
      duration
      pace
    }
    group {
      id
      name
    }
  }
`);

export const CommentFragment = graphql(`
  fragment CommentFields on Comment {
    id
    text
    createdAt
    author {
      ...UserSummary
    }
  }
`);

export const GroupFragment = graphql(`
  fragment GroupFields on Group {
    id
    name
    description
    private
    memberCount
    isMember
    owner {
      ...UserSummary
    }
  }
`);

export const NotificationFragment = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    read
    createdAt
    actor {
      ...UserSummary
    }
    post {
      id
      text
      run {
        id
        name
        distance
      }
    }
    group {
      id
      name
    }
  }
`);

export const ImportJobFragment = graphql(`
  fragment ImportJobFields on ImportJob {
    id
    status
    fileName
    total
    imported
    skipped
    failed
    problems {
      file
      message
    }
    createdAt
    finishedAt
  }
`);

export const LeaderboardFragment = graphql(`
  fragment LeaderboardFields on LeaderboardEntry {
    rank
    distance
    runCount
    user {
      ...UserSummary
    }
  }
`);

export const CoachMessageFragment = graphql(`
  fragment CoachMessageFields on CoachMessage {
    id
    role
    content
    createdAt
  }
`);

export const TrainingPlanFragment = graphql(`
  fragment TrainingPlanFields on TrainingPlan {
    id
    goal
    raceDate
    targetDuration
    workouts {
      date
      kind
      distance
      targetPace
      description
    }
  }
`);

/** What a follow button needs to show the viewer's relation to a runner. */
export const FollowFieldsFragment = graphql(`
  fragment FollowFields on User {
    id
    followerCount
    followPolicy
    viewerFollowState
    isFollowedByViewer
    isBlockedByViewer
    followsViewer
  }
`);

export const PrivacyZoneFragment = graphql(`
  fragment PrivacyZoneFields on PrivacyZone {
    id
    name
    latitude
    longitude
    radius
  }
`);
