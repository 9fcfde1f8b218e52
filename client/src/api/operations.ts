import { graphql } from '../gql';

/** Page size of every infinite list. */
export const PAGE = 20;

// ── account ────────────────────────────────────────────────────────────────────────────────
export const ViewerQuery = graphql(`
  query Viewer {
    me {
      ...ViewerFields
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        ...ViewerFields
      }
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      token
      user {
        ...ViewerFields
      }
    }
  }
`);

export const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      ...ViewerFields
    }
  }
`);

export const DeleteAccountMutation = graphql(`
  mutation DeleteAccount($password: String!) {
    deleteAccount(password: $password)
  }
`);

// ── dashboard ──────────────────────────────────────────────────────────────────────────────
export const DashboardStatsQuery = graphql(`
  query DashboardStats {
    me {
      id
      week: stats(period: WEEK) {
        runCount
        distance
        duration
        elevationGain
        averagePace
      }
      month: stats(period: MONTH) {
        runCount
        distance
        duration
        elevationGain
        averagePace
      }
      year: stats(period: YEAR) {
        runCount
        distance
        duration
        elevationGain
        averagePace
      }
    }
  }
`);

export const TrainingSummaryQuery = graphql(`
  query TrainingSummary($weeks: Int) {
    trainingSummary(weeks: $weeks) {
      weeks {
        weekStart
        distance
        duration
        runCount
      }
      personalRecords {
        distance
        duration
        run {
          id
          name
          startedAt
        }
      }
      vdot
      predictions {
        distance
        duration
      }
      load {
        date
        acute
        chronic
        balance
      }
      shoeAlerts {
        ...ShoeFields
      }
    }
  }
`);

// ── runs ───────────────────────────────────────────────────────────────────────────────────
export const RunsQuery = graphql(`
  query Runs($first: Int, $after: String) {
    runs(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...RunFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const RunDetailQuery = graphql(`
  query RunDetail($id: ID!) {
    run(id: $id) {
      ...RunFields
      user {
        ...UserSummary
      }
      splits {
        index
        distance
        duration
        pace
        elevationGain
      }
      track
    }
  }
`);

export const CreateRunMutation = graphql(`
  mutation CreateRun($input: RunInput!) {
    createRun(input: $input) {
      ...RunFields
      user {
        ...UserSummary
      }
    }
  }
`);

export const UpdateRunMutation = graphql(`
  mutation UpdateRun($id: ID!, $input: RunUpdateInput!) {
    updateRun(id: $id, input: $input) {
      ...RunFields
    }
  }
`);

export const DeleteRunMutation = graphql(`
  mutation DeleteRun($id: ID!) {
    deleteRun(id: $id)
  }
`);

export const ImportActivityMutation = graphql(`
  mutation ImportActivity($format: ActivityFormat!, $content: String!, $shoeId: ID, $visibility: Visibility) {
    importActivity(format: $format, content: $content, shoeId: $shoeId, visibility: $visibility) {
      ...RunFields
      user {
        ...UserSummary
      }
    }
  }
`);

export const ImportJobQuery = graphql(`
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      ...ImportJobFields
    }
  }
`);

export const ImportJobsQuery = graphql(`
  query ImportJobs {
    importJobs(first: 10) {
      ...ImportJobFields
    }
  }
`);

export const ImportProgressSubscription = graphql(`
  subscription ImportProgress($jobId: ID!) {
    importProgress(jobId: $jobId) {
      ...ImportJobFields
    }
  }
`);

// ── shoes ──────────────────────────────────────────────────────────────────────────────────
export const ShoesQuery = graphql(`
  query Shoes($includeRetired: Boolean) {
    shoes(includeRetired: $includeRetired) {
      ...ShoeFields
    }
  }
`);

export const CreateShoeMutation = graphql(`
  mutation CreateShoe($input: ShoeInput!) {
    createShoe(input: $input) {
      ...ShoeFields
    }
  }
`);

export const UpdateShoeMutation = graphql(`
  mutation UpdateShoe($id: ID!, $input: ShoeUpdateInput!) {
    updateShoe(id: $id, input: $input) {
      ...ShoeFields
    }
  }
`);

export const RetireShoeMutation = graphql(`
  mutation RetireShoe($id: ID!) {
    retireShoe(id: $id) {
      ...ShoeFields
    }
  }
`);

// ── social ─────────────────────────────────────────────────────────────────────────────────
export const FeedQuery = graphql(`
  query Feed($first: Int, $after: String) {
    feed(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...PostFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const FeedPostAddedSubscription = graphql(`
  subscription FeedPostAdded {
    feedPostAdded {
      ...PostFields
    }
  }
`);

export const PostUpdatedSubscription = graphql(`
  subscription PostUpdated($postId: ID!) {
    postUpdated(postId: $postId) {
      id
      likeCount
      commentCount
    }
  }
`);

export const CreatePostMutation = graphql(`
  mutation CreatePost($input: PostInput!) {
    createPost(input: $input) {
      ...PostFields
    }
  }
`);

export const DeletePostMutation = graphql(`
  mutation DeletePost($id: ID!) {
    deletePost(id: $id)
  }
`);

export const LikePostMutation = graphql(`
  mutation LikePost($postId: ID!) {
    likePost(postId: $postId) {
      id
      likeCount
      likedByViewer
    }
  }
`);

export const UnlikePostMutation = graphql(`
  mutation UnlikePost($postId: ID!) {
    unlikePost(postId: $postId) {
      id
      likeCount
      likedByViewer
    }
  }
`);

export const CommentsQuery = graphql(`
  query Comments($postId: ID!, $after: String) {
    post(id: $postId) {
      id
      commentCount
      comments(first: 10, after: $after) {
        totalCount
        edges {
          cursor
          node {
            ...CommentFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const CommentAddedSubscription = graphql(`
  subscription CommentAdded($postId: ID!) {
    commentAdded(postId: $postId) {
      ...CommentFields
      post {
        id
        commentCount
      }
    }
  }
`);

export const AddCommentMutation = graphql(`
  mutation AddComment($postId: ID!, $text: String!) {
    addComment(postId: $postId, text: $text) {
      ...CommentFields
      post {
        id
        commentCount
      }
    }
  }
`);

export const ProfileQuery = graphql(`
  query Profile($username: String!, $after: String) {
    user(username: $username) {
      ...UserSummary
      bio
      createdAt
      followerCount
      followingCount
      isFollowedByViewer
      allTime: stats(period: ALL_TIME) {
        runCount
        distance
        duration
        elevationGain
        averagePace
      }
      month: stats(period: MONTH) {
        runCount
        distance
        duration
        elevationGain
        averagePace
      }
      shoes {
        id
        name
        brand
        distance
        usage
      }
      runs(first: 10, after: $after) {
        totalCount
        edges {
          cursor
          node {
            ...RunFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const FollowMutation = graphql(`
  mutation Follow($userId: ID!) {
    follow(userId: $userId) {
      id
      followerCount
      isFollowedByViewer
    }
  }
`);

export const UnfollowMutation = graphql(`
  mutation Unfollow($userId: ID!) {
    unfollow(userId: $userId) {
      id
      followerCount
      isFollowedByViewer
    }
  }
`);

export const SearchUsersQuery = graphql(`
  query SearchUsers($query: String!) {
    searchUsers(query: $query, first: 8) {
      ...UserSummary
      followerCount
      isFollowedByViewer
    }
  }
`);

// ── groups ─────────────────────────────────────────────────────────────────────────────────
export const GroupsQuery = graphql(`
  query Groups($query: String, $after: String) {
    groups(query: $query, first: 20, after: $after) {
      edges {
        cursor
        node {
          ...GroupFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const GroupQuery = graphql(`
  query Group($id: ID!) {
    group(id: $id) {
      ...GroupFields
      members(first: 8) {
        totalCount
        edges {
          cursor
          node {
            ...UserSummary
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** A group's posts apart from the group itself: nested in one query they exceed the cost limit. */
export const GroupPostsQuery = graphql(`
  query GroupPosts($id: ID!, $after: String) {
    group(id: $id) {
      id
      posts(first: 8, after: $after) {
        edges {
          cursor
          node {
            ...PostFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const CreateGroupMutation = graphql(`
  mutation CreateGroup($input: GroupInput!) {
    createGroup(input: $input) {
      ...GroupFields
    }
  }
`);

export const JoinGroupMutation = graphql(`
  mutation JoinGroup($groupId: ID!) {
    joinGroup(groupId: $groupId) {
      ...GroupFields
    }
  }
`);

export const LeaveGroupMutation = graphql(`
  mutation LeaveGroup($groupId: ID!) {
    leaveGroup(groupId: $groupId) {
      ...GroupFields
    }
  }
`);

export const LeaderboardQuery = graphql(`
  query Leaderboard($period: Period!, $groupId: ID) {
    leaderboard(period: $period, groupId: $groupId) {
      ...LeaderboardFields
    }
  }
`);

export const LeaderboardUpdatedSubscription = graphql(`
  subscription LeaderboardUpdated($period: Period!, $groupId: ID) {
    leaderboardUpdated(period: $period, groupId: $groupId) {
      ...LeaderboardFields
    }
  }
`);

// ── notifications ──────────────────────────────────────────────────────────────────────────
export const NotificationsQuery = graphql(`
  query Notifications($after: String) {
    notifications(first: 20, after: $after) {
      unreadCount
      edges {
        cursor
        node {
          ...NotificationFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      ...NotificationFields
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead {
    markNotificationsRead
  }
`);

// ── coach and plan ─────────────────────────────────────────────────────────────────────────
export const CoachConversationsQuery = graphql(`
  query CoachConversations {
    coachConversations(first: 20) {
      id
      createdAt
      messages {
        ...CoachMessageFields
      }
    }
  }
`);

export const AskCoachMutation = graphql(`
  mutation AskCoach($message: String!, $conversationId: ID) {
    askCoach(message: $message, conversationId: $conversationId) {
      conversationId
      message {
        ...CoachMessageFields
      }
      toolCalls {
        name
        arguments
      }
    }
  }
`);

export const CoachReplyChunkSubscription = graphql(`
  subscription CoachReplyChunk($conversationId: ID!) {
    coachReplyChunk(conversationId: $conversationId) {
      conversationId
      delta
      done
    }
  }
`);

export const TrainingPlanQuery = graphql(`
  query TrainingPlan {
    trainingPlan {
      ...TrainingPlanFields
    }
  }
`);

export const GenerateTrainingPlanMutation = graphql(`
  mutation GenerateTrainingPlan($input: TrainingPlanInput!) {
    generateTrainingPlan(input: $input) {
      ...TrainingPlanFields
    }
  }
`);
