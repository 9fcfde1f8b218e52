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
  mutation SignIn($email: String!, $password: String!, $code: String) {
    signIn(email: $email, password: $password, code: $code) {
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

// ── trust: sessions, passwords, two-step sign-in ──────────────────────────────────────────
export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const SessionsQuery = graphql(`
  query Sessions {
    sessions {
      id
      device
      createdAt
      lastUsedAt
      current
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      token
      user {
        ...ViewerFields
      }
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      token
      user {
        ...ViewerFields
      }
    }
  }
`);

export const EnableTwoFactorMutation = graphql(`
  mutation EnableTwoFactor {
    enableTwoFactor {
      otpauthUri
      secret
    }
  }
`);

export const ConfirmTwoFactorMutation = graphql(`
  mutation ConfirmTwoFactor($code: String!) {
    confirmTwoFactor(code: $code)
  }
`);

export const DisableTwoFactorMutation = graphql(`
  mutation DisableTwoFactor($password: String!, $code: String!) {
    disableTwoFactor(password: $password, code: $code)
  }
`);

// ── trust: privacy, followers, blocks ──────────────────────────────────────────────────────
export const PrivacyZonesQuery = graphql(`
  query PrivacyZones {
    privacyZones {
      ...PrivacyZoneFields
    }
  }
`);

/**
 * The backdrop of the privacy-zone map: the viewer's latest runs with their tracks. Each
 * track costs its points in the query budget, so only a few runs are asked for.
 */
export const RecentTracksQuery = graphql(`
  query RecentTracks {
    runs(first: 10) {
      edges {
        cursor
        node {
          id
          track
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AddPrivacyZoneMutation = graphql(`
  mutation AddPrivacyZone($input: PrivacyZoneInput!) {
    addPrivacyZone(input: $input) {
      ...PrivacyZoneFields
    }
  }
`);

export const RemovePrivacyZoneMutation = graphql(`
  mutation RemovePrivacyZone($id: ID!) {
    removePrivacyZone(id: $id)
  }
`);

export const FollowRequestsQuery = graphql(`
  query FollowRequests {
    followRequests {
      id
      createdAt
      from {
        ...UserSummary
      }
    }
  }
`);

export const ApproveFollowRequestMutation = graphql(`
  mutation ApproveFollowRequest($id: ID!) {
    approveFollowRequest(id: $id) {
      ...UserSummary
    }
  }
`);

export const DeclineFollowRequestMutation = graphql(`
  mutation DeclineFollowRequest($id: ID!) {
    declineFollowRequest(id: $id)
  }
`);

export const BlockedUsersQuery = graphql(`
  query BlockedUsers {
    blockedUsers {
      ...UserSummary
      isBlockedByViewer
    }
  }
`);

export const BlockUserMutation = graphql(`
  mutation BlockUser($userId: ID!) {
    blockUser(userId: $userId) {
      ...UserSummary
      ...FollowFields
    }
  }
`);

export const UnblockUserMutation = graphql(`
  mutation UnblockUser($userId: ID!) {
    unblockUser(userId: $userId) {
      ...UserSummary
      ...FollowFields
    }
  }
`);

export const RemoveFollowerMutation = graphql(`
  mutation RemoveFollower($userId: ID!) {
    removeFollower(userId: $userId) {
      ...UserSummary
      ...FollowFields
    }
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
      heartRateZones {
        zone
        seconds
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
  query RunDetail($id: ID!, $units: Units!) {
    run(id: $id) {
      ...RunFields
      user {
        ...UserSummary
      }
      # Per kilometre or per mile, as the runner chose in settings.
      splits(unit: $units) {
        index
        distance
        duration
        pace
        elevationGain
      }
      laps {
        index
        distance
        duration
        pace
        averageHeartRate
        averageCadence
      }
      maxHeartRate
      averageCadence
      track
      heartRateZones {
        zone
        seconds
      }
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
      followingCount
      ...FollowFields
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
      ...FollowFields
    }
  }
`);

export const UnfollowMutation = graphql(`
  mutation Unfollow($userId: ID!) {
    unfollow(userId: $userId) {
      ...FollowFields
    }
  }
`);

export const SearchUsersQuery = graphql(`
  query SearchUsers($query: String!) {
    searchUsers(query: $query, first: 8) {
      ...UserSummary
      ...FollowFields
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

// ── integrations: personal access tokens and webhooks ──────────────────────────────────────
export const PersonalAccessTokensQuery = graphql(`
  query PersonalAccessTokens {
    personalAccessTokens {
      id
      name
      scopes
      createdAt
      lastUsedAt
      expiresAt
    }
  }
`);

export const CreatePersonalAccessTokenMutation = graphql(`
  mutation CreatePersonalAccessToken($name: String!, $scopes: [TokenScope!]!, $expiresInDays: Int) {
    createPersonalAccessToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
      token
      accessToken {
        id
        name
        scopes
        createdAt
        lastUsedAt
        expiresAt
      }
    }
  }
`);

export const RevokePersonalAccessTokenMutation = graphql(`
  mutation RevokePersonalAccessToken($id: ID!) {
    revokePersonalAccessToken(id: $id)
  }
`);

export const WebhooksQuery = graphql(`
  query Webhooks {
    webhooks {
      id
      url
      events
      active
      createdAt
      deliveries(first: 10) {
        id
        event
        responseStatus
        attempts
        deliveredAt
        createdAt
      }
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!) {
    createWebhook(url: $url, events: $events) {
      secret
      webhook {
        id
      }
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

export const AuthorizedAppsQuery = graphql(`
  query AuthorizedApps {
    authorizedApps {
      id
      clientId
      name
      scopes
      authorizedAt
      lastUsedAt
    }
  }
`);

export const RevokeAuthorizedAppMutation = graphql(`
  mutation RevokeAuthorizedApp($id: ID!) {
    revokeAuthorizedApp(id: $id)
  }
`);
