/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment UserSummary on User {\n    id\n    username\n    name\n  }\n": typeof types.UserSummaryFragmentDoc,
    "\n  fragment ViewerFields on User {\n    id\n    username\n    name\n    email\n    bio\n    units\n    createdAt\n    defaultVisibility\n    followPolicy\n    twoFactorEnabled\n    trainingProfile {\n      level\n      goals\n      weeklyDistanceGoal\n      preferredDays\n      yearsRunning\n      injuryNotes\n      maxHeartRate\n      maxHeartRateEstimated\n      restingHeartRate\n      restingHeartRateEstimated\n      timeZone\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  fragment RunFields on Run {\n    id\n    name\n    startedAt\n    distance\n    duration\n    pace\n    elevationGain\n    averageHeartRate\n    environment\n    visibility\n    hideTrack\n    notes\n    createdAt\n    shoe {\n      id\n      name\n    }\n  }\n": typeof types.RunFieldsFragmentDoc,
    "\n  fragment ShoeFields on Shoe {\n    id\n    name\n    brand\n    distance\n    maxDistance\n    usage\n    retired\n    isDefault\n    runCount\n    createdAt\n  }\n": typeof types.ShoeFieldsFragmentDoc,
    "\n  fragment PostFields on Post {\n    id\n    text\n    createdAt\n    likeCount\n    likedByViewer\n    commentCount\n    author {\n      ...UserSummary\n    }\n    run {\n      id\n      name\n      startedAt\n      distance\n      duration\n      pace\n    }\n    group {\n      id\n      name\n    }\n  }\n": typeof types.PostFieldsFragmentDoc,
    "\n  fragment CommentFields on Comment {\n    id\n    text\n    createdAt\n    author {\n      ...UserSummary\n    }\n  }\n": typeof types.CommentFieldsFragmentDoc,
    "\n  fragment GroupFields on Group {\n    id\n    name\n    description\n    private\n    memberCount\n    isMember\n    owner {\n      ...UserSummary\n    }\n  }\n": typeof types.GroupFieldsFragmentDoc,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    read\n    createdAt\n    actor {\n      ...UserSummary\n    }\n    post {\n      id\n      text\n      run {\n        id\n        name\n        distance\n      }\n    }\n    group {\n      id\n      name\n    }\n  }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  fragment ImportJobFields on ImportJob {\n    id\n    status\n    fileName\n    total\n    imported\n    skipped\n    failed\n    problems {\n      file\n      message\n    }\n    createdAt\n    finishedAt\n  }\n": typeof types.ImportJobFieldsFragmentDoc,
    "\n  fragment LeaderboardFields on LeaderboardEntry {\n    rank\n    distance\n    runCount\n    user {\n      ...UserSummary\n    }\n  }\n": typeof types.LeaderboardFieldsFragmentDoc,
    "\n  fragment CoachMessageFields on CoachMessage {\n    id\n    role\n    content\n    createdAt\n  }\n": typeof types.CoachMessageFieldsFragmentDoc,
    "\n  fragment TrainingPlanFields on TrainingPlan {\n    id\n    goal\n    raceDate\n    targetDuration\n    workouts {\n      date\n      kind\n      distance\n      targetPace\n      description\n    }\n  }\n": typeof types.TrainingPlanFieldsFragmentDoc,
    "\n  fragment FollowFields on User {\n    id\n    followerCount\n    followPolicy\n    viewerFollowState\n    isFollowedByViewer\n    isBlockedByViewer\n    followsViewer\n  }\n": typeof types.FollowFieldsFragmentDoc,
    "\n  fragment PrivacyZoneFields on PrivacyZone {\n    id\n    name\n    latitude\n    longitude\n    radius\n  }\n": typeof types.PrivacyZoneFieldsFragmentDoc,
    "\n  query Viewer {\n    me {\n      ...ViewerFields\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($email: String!, $password: String!, $code: String) {\n    signIn(email: $email, password: $password, code: $code) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ViewerFields\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n": typeof types.DeleteAccountDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query Sessions {\n    sessions {\n      id\n      device\n      createdAt\n      lastUsedAt\n      current\n    }\n  }\n": typeof types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation EnableTwoFactor {\n    enableTwoFactor {\n      otpauthUri\n      secret\n    }\n  }\n": typeof types.EnableTwoFactorDocument,
    "\n  mutation ConfirmTwoFactor($code: String!) {\n    confirmTwoFactor(code: $code)\n  }\n": typeof types.ConfirmTwoFactorDocument,
    "\n  mutation DisableTwoFactor($password: String!, $code: String!) {\n    disableTwoFactor(password: $password, code: $code)\n  }\n": typeof types.DisableTwoFactorDocument,
    "\n  query PrivacyZones {\n    privacyZones {\n      ...PrivacyZoneFields\n    }\n  }\n": typeof types.PrivacyZonesDocument,
    "\n  query RecentTracks {\n    runs(first: 10) {\n      edges {\n        cursor\n        node {\n          id\n          track\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RecentTracksDocument,
    "\n  mutation AddPrivacyZone($input: PrivacyZoneInput!) {\n    addPrivacyZone(input: $input) {\n      ...PrivacyZoneFields\n    }\n  }\n": typeof types.AddPrivacyZoneDocument,
    "\n  mutation RemovePrivacyZone($id: ID!) {\n    removePrivacyZone(id: $id)\n  }\n": typeof types.RemovePrivacyZoneDocument,
    "\n  query FollowRequests {\n    followRequests {\n      id\n      createdAt\n      from {\n        ...UserSummary\n      }\n    }\n  }\n": typeof types.FollowRequestsDocument,
    "\n  mutation ApproveFollowRequest($id: ID!) {\n    approveFollowRequest(id: $id) {\n      ...UserSummary\n    }\n  }\n": typeof types.ApproveFollowRequestDocument,
    "\n  mutation DeclineFollowRequest($id: ID!) {\n    declineFollowRequest(id: $id)\n  }\n": typeof types.DeclineFollowRequestDocument,
    "\n  query BlockedUsers {\n    blockedUsers {\n      ...UserSummary\n      isBlockedByViewer\n    }\n  }\n": typeof types.BlockedUsersDocument,
    "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n": typeof types.BlockUserDocument,
    "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n": typeof types.UnblockUserDocument,
    "\n  mutation RemoveFollower($userId: ID!) {\n    removeFollower(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n": typeof types.RemoveFollowerDocument,
    "\n  query DashboardStats {\n    me {\n      id\n      week: stats(period: WEEK) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      month: stats(period: MONTH) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      year: stats(period: YEAR) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n    }\n  }\n": typeof types.DashboardStatsDocument,
    "\n  query TrainingSummary($weeks: Int) {\n    trainingSummary(weeks: $weeks) {\n      weeks {\n        weekStart\n        distance\n        duration\n        runCount\n      }\n      personalRecords {\n        distance\n        duration\n        run {\n          id\n          name\n          startedAt\n        }\n      }\n      vdot\n      predictions {\n        distance\n        duration\n      }\n      load {\n        date\n        acute\n        chronic\n        balance\n      }\n      shoeAlerts {\n        ...ShoeFields\n      }\n      heartRateZones {\n        zone\n        seconds\n      }\n    }\n  }\n": typeof types.TrainingSummaryDocument,
    "\n  query Runs($first: Int, $after: String) {\n    runs(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...RunFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RunsDocument,
    "\n  query RunDetail($id: ID!, $units: Units!) {\n    run(id: $id) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n      # Per kilometre or per mile, as the runner chose in settings.\n      splits(unit: $units) {\n        index\n        distance\n        duration\n        pace\n        elevationGain\n      }\n      laps {\n        index\n        distance\n        duration\n        pace\n        averageHeartRate\n        averageCadence\n      }\n      maxHeartRate\n      averageCadence\n      track\n      heartRateZones {\n        zone\n        seconds\n      }\n    }\n  }\n": typeof types.RunDetailDocument,
    "\n  mutation CreateRun($input: RunInput!) {\n    createRun(input: $input) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n    }\n  }\n": typeof types.CreateRunDocument,
    "\n  mutation UpdateRun($id: ID!, $input: RunUpdateInput!) {\n    updateRun(id: $id, input: $input) {\n      ...RunFields\n    }\n  }\n": typeof types.UpdateRunDocument,
    "\n  mutation DeleteRun($id: ID!) {\n    deleteRun(id: $id)\n  }\n": typeof types.DeleteRunDocument,
    "\n  mutation ImportActivity($format: ActivityFormat!, $content: String!, $shoeId: ID, $visibility: Visibility) {\n    importActivity(format: $format, content: $content, shoeId: $shoeId, visibility: $visibility) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n    }\n  }\n": typeof types.ImportActivityDocument,
    "\n  query ImportJob($id: ID!) {\n    importJob(id: $id) {\n      ...ImportJobFields\n    }\n  }\n": typeof types.ImportJobDocument,
    "\n  query ImportJobs {\n    importJobs(first: 10) {\n      ...ImportJobFields\n    }\n  }\n": typeof types.ImportJobsDocument,
    "\n  subscription ImportProgress($jobId: ID!) {\n    importProgress(jobId: $jobId) {\n      ...ImportJobFields\n    }\n  }\n": typeof types.ImportProgressDocument,
    "\n  query Shoes($includeRetired: Boolean) {\n    shoes(includeRetired: $includeRetired) {\n      ...ShoeFields\n    }\n  }\n": typeof types.ShoesDocument,
    "\n  mutation CreateShoe($input: ShoeInput!) {\n    createShoe(input: $input) {\n      ...ShoeFields\n    }\n  }\n": typeof types.CreateShoeDocument,
    "\n  mutation UpdateShoe($id: ID!, $input: ShoeUpdateInput!) {\n    updateShoe(id: $id, input: $input) {\n      ...ShoeFields\n    }\n  }\n": typeof types.UpdateShoeDocument,
    "\n  mutation RetireShoe($id: ID!) {\n    retireShoe(id: $id) {\n      ...ShoeFields\n    }\n  }\n": typeof types.RetireShoeDocument,
    "\n  query Feed($first: Int, $after: String) {\n    feed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...PostFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.FeedDocument,
    "\n  subscription FeedPostAdded {\n    feedPostAdded {\n      ...PostFields\n    }\n  }\n": typeof types.FeedPostAddedDocument,
    "\n  subscription PostUpdated($postId: ID!) {\n    postUpdated(postId: $postId) {\n      id\n      likeCount\n      commentCount\n    }\n  }\n": typeof types.PostUpdatedDocument,
    "\n  mutation CreatePost($input: PostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": typeof types.CreatePostDocument,
    "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n": typeof types.DeletePostDocument,
    "\n  mutation LikePost($postId: ID!) {\n    likePost(postId: $postId) {\n      id\n      likeCount\n      likedByViewer\n    }\n  }\n": typeof types.LikePostDocument,
    "\n  mutation UnlikePost($postId: ID!) {\n    unlikePost(postId: $postId) {\n      id\n      likeCount\n      likedByViewer\n    }\n  }\n": typeof types.UnlikePostDocument,
    "\n  query Comments($postId: ID!, $after: String) {\n    post(id: $postId) {\n      id\n      commentCount\n      comments(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...CommentFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.CommentsDocument,
    "\n  subscription CommentAdded($postId: ID!) {\n    commentAdded(postId: $postId) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n": typeof types.CommentAddedDocument,
    "\n  mutation AddComment($postId: ID!, $text: String!) {\n    addComment(postId: $postId, text: $text) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  query Profile($username: String!, $after: String) {\n    user(username: $username) {\n      ...UserSummary\n      bio\n      createdAt\n      followingCount\n      ...FollowFields\n      allTime: stats(period: ALL_TIME) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      month: stats(period: MONTH) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      shoes {\n        id\n        name\n        brand\n        distance\n        usage\n      }\n      runs(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...RunFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      ...FollowFields\n    }\n  }\n": typeof types.FollowDocument,
    "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      ...FollowFields\n    }\n  }\n": typeof types.UnfollowDocument,
    "\n  query SearchUsers($query: String!) {\n    searchUsers(query: $query, first: 8) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n": typeof types.SearchUsersDocument,
    "\n  query Groups($query: String, $after: String) {\n    groups(query: $query, first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          ...GroupFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.GroupsDocument,
    "\n  query Group($id: ID!) {\n    group(id: $id) {\n      ...GroupFields\n      members(first: 8) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...UserSummary\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.GroupDocument,
    "\n  query GroupPosts($id: ID!, $after: String) {\n    group(id: $id) {\n      id\n      posts(first: 8, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.GroupPostsDocument,
    "\n  mutation CreateGroup($input: GroupInput!) {\n    createGroup(input: $input) {\n      ...GroupFields\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  mutation JoinGroup($groupId: ID!) {\n    joinGroup(groupId: $groupId) {\n      ...GroupFields\n    }\n  }\n": typeof types.JoinGroupDocument,
    "\n  mutation LeaveGroup($groupId: ID!) {\n    leaveGroup(groupId: $groupId) {\n      ...GroupFields\n    }\n  }\n": typeof types.LeaveGroupDocument,
    "\n  query Leaderboard($period: Period!, $groupId: ID) {\n    leaderboard(period: $period, groupId: $groupId) {\n      ...LeaderboardFields\n    }\n  }\n": typeof types.LeaderboardDocument,
    "\n  subscription LeaderboardUpdated($period: Period!, $groupId: ID) {\n    leaderboardUpdated(period: $period, groupId: $groupId) {\n      ...LeaderboardFields\n    }\n  }\n": typeof types.LeaderboardUpdatedDocument,
    "\n  query Notifications($after: String) {\n    notifications(first: 20, after: $after) {\n      unreadCount\n      edges {\n        cursor\n        node {\n          ...NotificationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query CoachConversations {\n    coachConversations(first: 20) {\n      id\n      createdAt\n      messages {\n        ...CoachMessageFields\n      }\n    }\n  }\n": typeof types.CoachConversationsDocument,
    "\n  mutation AskCoach($message: String!, $conversationId: ID) {\n    askCoach(message: $message, conversationId: $conversationId) {\n      conversationId\n      message {\n        ...CoachMessageFields\n      }\n      toolCalls {\n        name\n        arguments\n      }\n    }\n  }\n": typeof types.AskCoachDocument,
    "\n  subscription CoachReplyChunk($conversationId: ID!) {\n    coachReplyChunk(conversationId: $conversationId) {\n      conversationId\n      delta\n      done\n    }\n  }\n": typeof types.CoachReplyChunkDocument,
    "\n  query TrainingPlan {\n    trainingPlan {\n      ...TrainingPlanFields\n    }\n  }\n": typeof types.TrainingPlanDocument,
    "\n  mutation GenerateTrainingPlan($input: TrainingPlanInput!) {\n    generateTrainingPlan(input: $input) {\n      ...TrainingPlanFields\n    }\n  }\n": typeof types.GenerateTrainingPlanDocument,
    "\n  query PersonalAccessTokens {\n    personalAccessTokens {\n      id\n      name\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n": typeof types.PersonalAccessTokensDocument,
    "\n  mutation CreatePersonalAccessToken($name: String!, $scopes: [TokenScope!]!, $expiresInDays: Int) {\n    createPersonalAccessToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {\n      token\n      accessToken {\n        id\n        name\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreatePersonalAccessTokenDocument,
    "\n  mutation RevokePersonalAccessToken($id: ID!) {\n    revokePersonalAccessToken(id: $id)\n  }\n": typeof types.RevokePersonalAccessTokenDocument,
    "\n  query Webhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      deliveries(first: 10) {\n        id\n        event\n        responseStatus\n        attempts\n        deliveredAt\n        createdAt\n      }\n    }\n  }\n": typeof types.WebhooksDocument,
    "\n  mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!) {\n    createWebhook(url: $url, events: $events) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  query AuthorizedApps {\n    authorizedApps {\n      id\n      clientId\n      name\n      scopes\n      authorizedAt\n      lastUsedAt\n    }\n  }\n": typeof types.AuthorizedAppsDocument,
    "\n  mutation RevokeAuthorizedApp($id: ID!) {\n    revokeAuthorizedApp(id: $id)\n  }\n": typeof types.RevokeAuthorizedAppDocument,
};
const documents: Documents = {
    "\n  fragment UserSummary on User {\n    id\n    username\n    name\n  }\n": types.UserSummaryFragmentDoc,
    "\n  fragment ViewerFields on User {\n    id\n    username\n    name\n    email\n    bio\n    units\n    createdAt\n    defaultVisibility\n    followPolicy\n    twoFactorEnabled\n    trainingProfile {\n      level\n      goals\n      weeklyDistanceGoal\n      preferredDays\n      yearsRunning\n      injuryNotes\n      maxHeartRate\n      maxHeartRateEstimated\n      restingHeartRate\n      restingHeartRateEstimated\n      timeZone\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  fragment RunFields on Run {\n    id\n    name\n    startedAt\n    distance\n    duration\n    pace\n    elevationGain\n    averageHeartRate\n    environment\n    visibility\n    hideTrack\n    notes\n    createdAt\n    shoe {\n      id\n      name\n    }\n  }\n": types.RunFieldsFragmentDoc,
    "\n  fragment ShoeFields on Shoe {\n    id\n    name\n    brand\n    distance\n    maxDistance\n    usage\n    retired\n    isDefault\n    runCount\n    createdAt\n  }\n": types.ShoeFieldsFragmentDoc,
    "\n  fragment PostFields on Post {\n    id\n    text\n    createdAt\n    likeCount\n    likedByViewer\n    commentCount\n    author {\n      ...UserSummary\n    }\n    run {\n      id\n      name\n      startedAt\n      distance\n      duration\n      pace\n    }\n    group {\n      id\n      name\n    }\n  }\n": types.PostFieldsFragmentDoc,
    "\n  fragment CommentFields on Comment {\n    id\n    text\n    createdAt\n    author {\n      ...UserSummary\n    }\n  }\n": types.CommentFieldsFragmentDoc,
    "\n  fragment GroupFields on Group {\n    id\n    name\n    description\n    private\n    memberCount\n    isMember\n    owner {\n      ...UserSummary\n    }\n  }\n": types.GroupFieldsFragmentDoc,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    read\n    createdAt\n    actor {\n      ...UserSummary\n    }\n    post {\n      id\n      text\n      run {\n        id\n        name\n        distance\n      }\n    }\n    group {\n      id\n      name\n    }\n  }\n": types.NotificationFieldsFragmentDoc,
    "\n  fragment ImportJobFields on ImportJob {\n    id\n    status\n    fileName\n    total\n    imported\n    skipped\n    failed\n    problems {\n      file\n      message\n    }\n    createdAt\n    finishedAt\n  }\n": types.ImportJobFieldsFragmentDoc,
    "\n  fragment LeaderboardFields on LeaderboardEntry {\n    rank\n    distance\n    runCount\n    user {\n      ...UserSummary\n    }\n  }\n": types.LeaderboardFieldsFragmentDoc,
    "\n  fragment CoachMessageFields on CoachMessage {\n    id\n    role\n    content\n    createdAt\n  }\n": types.CoachMessageFieldsFragmentDoc,
    "\n  fragment TrainingPlanFields on TrainingPlan {\n    id\n    goal\n    raceDate\n    targetDuration\n    workouts {\n      date\n      kind\n      distance\n      targetPace\n      description\n    }\n  }\n": types.TrainingPlanFieldsFragmentDoc,
    "\n  fragment FollowFields on User {\n    id\n    followerCount\n    followPolicy\n    viewerFollowState\n    isFollowedByViewer\n    isBlockedByViewer\n    followsViewer\n  }\n": types.FollowFieldsFragmentDoc,
    "\n  fragment PrivacyZoneFields on PrivacyZone {\n    id\n    name\n    latitude\n    longitude\n    radius\n  }\n": types.PrivacyZoneFieldsFragmentDoc,
    "\n  query Viewer {\n    me {\n      ...ViewerFields\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($email: String!, $password: String!, $code: String) {\n    signIn(email: $email, password: $password, code: $code) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ViewerFields\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n": types.DeleteAccountDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query Sessions {\n    sessions {\n      id\n      device\n      createdAt\n      lastUsedAt\n      current\n    }\n  }\n": types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation EnableTwoFactor {\n    enableTwoFactor {\n      otpauthUri\n      secret\n    }\n  }\n": types.EnableTwoFactorDocument,
    "\n  mutation ConfirmTwoFactor($code: String!) {\n    confirmTwoFactor(code: $code)\n  }\n": types.ConfirmTwoFactorDocument,
    "\n  mutation DisableTwoFactor($password: String!, $code: String!) {\n    disableTwoFactor(password: $password, code: $code)\n  }\n": types.DisableTwoFactorDocument,
    "\n  query PrivacyZones {\n    privacyZones {\n      ...PrivacyZoneFields\n    }\n  }\n": types.PrivacyZonesDocument,
    "\n  query RecentTracks {\n    runs(first: 10) {\n      edges {\n        cursor\n        node {\n          id\n          track\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RecentTracksDocument,
    "\n  mutation AddPrivacyZone($input: PrivacyZoneInput!) {\n    addPrivacyZone(input: $input) {\n      ...PrivacyZoneFields\n    }\n  }\n": types.AddPrivacyZoneDocument,
    "\n  mutation RemovePrivacyZone($id: ID!) {\n    removePrivacyZone(id: $id)\n  }\n": types.RemovePrivacyZoneDocument,
    "\n  query FollowRequests {\n    followRequests {\n      id\n      createdAt\n      from {\n        ...UserSummary\n      }\n    }\n  }\n": types.FollowRequestsDocument,
    "\n  mutation ApproveFollowRequest($id: ID!) {\n    approveFollowRequest(id: $id) {\n      ...UserSummary\n    }\n  }\n": types.ApproveFollowRequestDocument,
    "\n  mutation DeclineFollowRequest($id: ID!) {\n    declineFollowRequest(id: $id)\n  }\n": types.DeclineFollowRequestDocument,
    "\n  query BlockedUsers {\n    blockedUsers {\n      ...UserSummary\n      isBlockedByViewer\n    }\n  }\n": types.BlockedUsersDocument,
    "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n": types.BlockUserDocument,
    "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n": types.UnblockUserDocument,
    "\n  mutation RemoveFollower($userId: ID!) {\n    removeFollower(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n": types.RemoveFollowerDocument,
    "\n  query DashboardStats {\n    me {\n      id\n      week: stats(period: WEEK) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      month: stats(period: MONTH) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      year: stats(period: YEAR) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n    }\n  }\n": types.DashboardStatsDocument,
    "\n  query TrainingSummary($weeks: Int) {\n    trainingSummary(weeks: $weeks) {\n      weeks {\n        weekStart\n        distance\n        duration\n        runCount\n      }\n      personalRecords {\n        distance\n        duration\n        run {\n          id\n          name\n          startedAt\n        }\n      }\n      vdot\n      predictions {\n        distance\n        duration\n      }\n      load {\n        date\n        acute\n        chronic\n        balance\n      }\n      shoeAlerts {\n        ...ShoeFields\n      }\n      heartRateZones {\n        zone\n        seconds\n      }\n    }\n  }\n": types.TrainingSummaryDocument,
    "\n  query Runs($first: Int, $after: String) {\n    runs(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...RunFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RunsDocument,
    "\n  query RunDetail($id: ID!, $units: Units!) {\n    run(id: $id) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n      # Per kilometre or per mile, as the runner chose in settings.\n      splits(unit: $units) {\n        index\n        distance\n        duration\n        pace\n        elevationGain\n      }\n      laps {\n        index\n        distance\n        duration\n        pace\n        averageHeartRate\n        averageCadence\n      }\n      maxHeartRate\n      averageCadence\n      track\n      heartRateZones {\n        zone\n        seconds\n      }\n    }\n  }\n": types.RunDetailDocument,
    "\n  mutation CreateRun($input: RunInput!) {\n    createRun(input: $input) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n    }\n  }\n": types.CreateRunDocument,
    "\n  mutation UpdateRun($id: ID!, $input: RunUpdateInput!) {\n    updateRun(id: $id, input: $input) {\n      ...RunFields\n    }\n  }\n": types.UpdateRunDocument,
    "\n  mutation DeleteRun($id: ID!) {\n    deleteRun(id: $id)\n  }\n": types.DeleteRunDocument,
    "\n  mutation ImportActivity($format: ActivityFormat!, $content: String!, $shoeId: ID, $visibility: Visibility) {\n    importActivity(format: $format, content: $content, shoeId: $shoeId, visibility: $visibility) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n    }\n  }\n": types.ImportActivityDocument,
    "\n  query ImportJob($id: ID!) {\n    importJob(id: $id) {\n      ...ImportJobFields\n    }\n  }\n": types.ImportJobDocument,
    "\n  query ImportJobs {\n    importJobs(first: 10) {\n      ...ImportJobFields\n    }\n  }\n": types.ImportJobsDocument,
    "\n  subscription ImportProgress($jobId: ID!) {\n    importProgress(jobId: $jobId) {\n      ...ImportJobFields\n    }\n  }\n": types.ImportProgressDocument,
    "\n  query Shoes($includeRetired: Boolean) {\n    shoes(includeRetired: $includeRetired) {\n      ...ShoeFields\n    }\n  }\n": types.ShoesDocument,
    "\n  mutation CreateShoe($input: ShoeInput!) {\n    createShoe(input: $input) {\n      ...ShoeFields\n    }\n  }\n": types.CreateShoeDocument,
    "\n  mutation UpdateShoe($id: ID!, $input: ShoeUpdateInput!) {\n    updateShoe(id: $id, input: $input) {\n      ...ShoeFields\n    }\n  }\n": types.UpdateShoeDocument,
    "\n  mutation RetireShoe($id: ID!) {\n    retireShoe(id: $id) {\n      ...ShoeFields\n    }\n  }\n": types.RetireShoeDocument,
    "\n  query Feed($first: Int, $after: String) {\n    feed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...PostFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.FeedDocument,
    "\n  subscription FeedPostAdded {\n    feedPostAdded {\n      ...PostFields\n    }\n  }\n": types.FeedPostAddedDocument,
    "\n  subscription PostUpdated($postId: ID!) {\n    postUpdated(postId: $postId) {\n      id\n      likeCount\n      commentCount\n    }\n  }\n": types.PostUpdatedDocument,
    "\n  mutation CreatePost($input: PostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": types.CreatePostDocument,
    "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n": types.DeletePostDocument,
    "\n  mutation LikePost($postId: ID!) {\n    likePost(postId: $postId) {\n      id\n      likeCount\n      likedByViewer\n    }\n  }\n": types.LikePostDocument,
    "\n  mutation UnlikePost($postId: ID!) {\n    unlikePost(postId: $postId) {\n      id\n      likeCount\n      likedByViewer\n    }\n  }\n": types.UnlikePostDocument,
    "\n  query Comments($postId: ID!, $after: String) {\n    post(id: $postId) {\n      id\n      commentCount\n      comments(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...CommentFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.CommentsDocument,
    "\n  subscription CommentAdded($postId: ID!) {\n    commentAdded(postId: $postId) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n": types.CommentAddedDocument,
    "\n  mutation AddComment($postId: ID!, $text: String!) {\n    addComment(postId: $postId, text: $text) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n": types.AddCommentDocument,
    "\n  query Profile($username: String!, $after: String) {\n    user(username: $username) {\n      ...UserSummary\n      bio\n      createdAt\n      followingCount\n      ...FollowFields\n      allTime: stats(period: ALL_TIME) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      month: stats(period: MONTH) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      shoes {\n        id\n        name\n        brand\n        distance\n        usage\n      }\n      runs(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...RunFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      ...FollowFields\n    }\n  }\n": types.FollowDocument,
    "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      ...FollowFields\n    }\n  }\n": types.UnfollowDocument,
    "\n  query SearchUsers($query: String!) {\n    searchUsers(query: $query, first: 8) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n": types.SearchUsersDocument,
    "\n  query Groups($query: String, $after: String) {\n    groups(query: $query, first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          ...GroupFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.GroupsDocument,
    "\n  query Group($id: ID!) {\n    group(id: $id) {\n      ...GroupFields\n      members(first: 8) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...UserSummary\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.GroupDocument,
    "\n  query GroupPosts($id: ID!, $after: String) {\n    group(id: $id) {\n      id\n      posts(first: 8, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.GroupPostsDocument,
    "\n  mutation CreateGroup($input: GroupInput!) {\n    createGroup(input: $input) {\n      ...GroupFields\n    }\n  }\n": types.CreateGroupDocument,
    "\n  mutation JoinGroup($groupId: ID!) {\n    joinGroup(groupId: $groupId) {\n      ...GroupFields\n    }\n  }\n": types.JoinGroupDocument,
    "\n  mutation LeaveGroup($groupId: ID!) {\n    leaveGroup(groupId: $groupId) {\n      ...GroupFields\n    }\n  }\n": types.LeaveGroupDocument,
    "\n  query Leaderboard($period: Period!, $groupId: ID) {\n    leaderboard(period: $period, groupId: $groupId) {\n      ...LeaderboardFields\n    }\n  }\n": types.LeaderboardDocument,
    "\n  subscription LeaderboardUpdated($period: Period!, $groupId: ID) {\n    leaderboardUpdated(period: $period, groupId: $groupId) {\n      ...LeaderboardFields\n    }\n  }\n": types.LeaderboardUpdatedDocument,
    "\n  query Notifications($after: String) {\n    notifications(first: 20, after: $after) {\n      unreadCount\n      edges {\n        cursor\n        node {\n          ...NotificationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query CoachConversations {\n    coachConversations(first: 20) {\n      id\n      createdAt\n      messages {\n        ...CoachMessageFields\n      }\n    }\n  }\n": types.CoachConversationsDocument,
    "\n  mutation AskCoach($message: String!, $conversationId: ID) {\n    askCoach(message: $message, conversationId: $conversationId) {\n      conversationId\n      message {\n        ...CoachMessageFields\n      }\n      toolCalls {\n        name\n        arguments\n      }\n    }\n  }\n": types.AskCoachDocument,
    "\n  subscription CoachReplyChunk($conversationId: ID!) {\n    coachReplyChunk(conversationId: $conversationId) {\n      conversationId\n      delta\n      done\n    }\n  }\n": types.CoachReplyChunkDocument,
    "\n  query TrainingPlan {\n    trainingPlan {\n      ...TrainingPlanFields\n    }\n  }\n": types.TrainingPlanDocument,
    "\n  mutation GenerateTrainingPlan($input: TrainingPlanInput!) {\n    generateTrainingPlan(input: $input) {\n      ...TrainingPlanFields\n    }\n  }\n": types.GenerateTrainingPlanDocument,
    "\n  query PersonalAccessTokens {\n    personalAccessTokens {\n      id\n      name\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n": types.PersonalAccessTokensDocument,
    "\n  mutation CreatePersonalAccessToken($name: String!, $scopes: [TokenScope!]!, $expiresInDays: Int) {\n    createPersonalAccessToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {\n      token\n      accessToken {\n        id\n        name\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n": types.CreatePersonalAccessTokenDocument,
    "\n  mutation RevokePersonalAccessToken($id: ID!) {\n    revokePersonalAccessToken(id: $id)\n  }\n": types.RevokePersonalAccessTokenDocument,
    "\n  query Webhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      deliveries(first: 10) {\n        id\n        event\n        responseStatus\n        attempts\n        deliveredAt\n        createdAt\n      }\n    }\n  }\n": types.WebhooksDocument,
    "\n  mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!) {\n    createWebhook(url: $url, events: $events) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": types.DeleteWebhookDocument,
    "\n  query AuthorizedApps {\n    authorizedApps {\n      id\n      clientId\n      name\n      scopes\n      authorizedAt\n      lastUsedAt\n    }\n  }\n": types.AuthorizedAppsDocument,
    "\n  mutation RevokeAuthorizedApp($id: ID!) {\n    revokeAuthorizedApp(id: $id)\n  }\n": types.RevokeAuthorizedAppDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserSummary on User {\n    id\n    username\n    name\n  }\n"): (typeof documents)["\n  fragment UserSummary on User {\n    id\n    username\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerFields on User {\n    id\n    username\n    name\n    email\n    bio\n    units\n    createdAt\n    defaultVisibility\n    followPolicy\n    twoFactorEnabled\n    trainingProfile {\n      level\n      goals\n      weeklyDistanceGoal\n      preferredDays\n      yearsRunning\n      injuryNotes\n      maxHeartRate\n      maxHeartRateEstimated\n      restingHeartRate\n      restingHeartRateEstimated\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerFields on User {\n    id\n    username\n    name\n    email\n    bio\n    units\n    createdAt\n    defaultVisibility\n    followPolicy\n    twoFactorEnabled\n    trainingProfile {\n      level\n      goals\n      weeklyDistanceGoal\n      preferredDays\n      yearsRunning\n      injuryNotes\n      maxHeartRate\n      maxHeartRateEstimated\n      restingHeartRate\n      restingHeartRateEstimated\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunFields on Run {\n    id\n    name\n    startedAt\n    distance\n    duration\n    pace\n    elevationGain\n    averageHeartRate\n    environment\n    visibility\n    hideTrack\n    notes\n    createdAt\n    shoe {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment RunFields on Run {\n    id\n    name\n    startedAt\n    distance\n    duration\n    pace\n    elevationGain\n    averageHeartRate\n    environment\n    visibility\n    hideTrack\n    notes\n    createdAt\n    shoe {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ShoeFields on Shoe {\n    id\n    name\n    brand\n    distance\n    maxDistance\n    usage\n    retired\n    isDefault\n    runCount\n    createdAt\n  }\n"): (typeof documents)["\n  fragment ShoeFields on Shoe {\n    id\n    name\n    brand\n    distance\n    maxDistance\n    usage\n    retired\n    isDefault\n    runCount\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostFields on Post {\n    id\n    text\n    createdAt\n    likeCount\n    likedByViewer\n    commentCount\n    author {\n      ...UserSummary\n    }\n    run {\n      id\n      name\n      startedAt\n      distance\n      duration\n      pace\n    }\n    group {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment PostFields on Post {\n    id\n    text\n    createdAt\n    likeCount\n    likedByViewer\n    commentCount\n    author {\n      ...UserSummary\n    }\n    run {\n      id\n      name\n      startedAt\n      distance\n      duration\n      pace\n    }\n    group {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id\n    text\n    createdAt\n    author {\n      ...UserSummary\n    }\n  }\n"): (typeof documents)["\n  fragment CommentFields on Comment {\n    id\n    text\n    createdAt\n    author {\n      ...UserSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GroupFields on Group {\n    id\n    name\n    description\n    private\n    memberCount\n    isMember\n    owner {\n      ...UserSummary\n    }\n  }\n"): (typeof documents)["\n  fragment GroupFields on Group {\n    id\n    name\n    description\n    private\n    memberCount\n    isMember\n    owner {\n      ...UserSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    read\n    createdAt\n    actor {\n      ...UserSummary\n    }\n    post {\n      id\n      text\n      run {\n        id\n        name\n        distance\n      }\n    }\n    group {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationFields on Notification {\n    id\n    kind\n    read\n    createdAt\n    actor {\n      ...UserSummary\n    }\n    post {\n      id\n      text\n      run {\n        id\n        name\n        distance\n      }\n    }\n    group {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportJobFields on ImportJob {\n    id\n    status\n    fileName\n    total\n    imported\n    skipped\n    failed\n    problems {\n      file\n      message\n    }\n    createdAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment ImportJobFields on ImportJob {\n    id\n    status\n    fileName\n    total\n    imported\n    skipped\n    failed\n    problems {\n      file\n      message\n    }\n    createdAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeaderboardFields on LeaderboardEntry {\n    rank\n    distance\n    runCount\n    user {\n      ...UserSummary\n    }\n  }\n"): (typeof documents)["\n  fragment LeaderboardFields on LeaderboardEntry {\n    rank\n    distance\n    runCount\n    user {\n      ...UserSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CoachMessageFields on CoachMessage {\n    id\n    role\n    content\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CoachMessageFields on CoachMessage {\n    id\n    role\n    content\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TrainingPlanFields on TrainingPlan {\n    id\n    goal\n    raceDate\n    targetDuration\n    workouts {\n      date\n      kind\n      distance\n      targetPace\n      description\n    }\n  }\n"): (typeof documents)["\n  fragment TrainingPlanFields on TrainingPlan {\n    id\n    goal\n    raceDate\n    targetDuration\n    workouts {\n      date\n      kind\n      distance\n      targetPace\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FollowFields on User {\n    id\n    followerCount\n    followPolicy\n    viewerFollowState\n    isFollowedByViewer\n    isBlockedByViewer\n    followsViewer\n  }\n"): (typeof documents)["\n  fragment FollowFields on User {\n    id\n    followerCount\n    followPolicy\n    viewerFollowState\n    isFollowedByViewer\n    isBlockedByViewer\n    followsViewer\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PrivacyZoneFields on PrivacyZone {\n    id\n    name\n    latitude\n    longitude\n    radius\n  }\n"): (typeof documents)["\n  fragment PrivacyZoneFields on PrivacyZone {\n    id\n    name\n    latitude\n    longitude\n    radius\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!, $code: String) {\n    signIn(email: $email, password: $password, code: $code) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!, $code: String) {\n    signIn(email: $email, password: $password, code: $code) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n"): (typeof documents)["\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sessions {\n    sessions {\n      id\n      device\n      createdAt\n      lastUsedAt\n      current\n    }\n  }\n"): (typeof documents)["\n  query Sessions {\n    sessions {\n      id\n      device\n      createdAt\n      lastUsedAt\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      token\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableTwoFactor {\n    enableTwoFactor {\n      otpauthUri\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation EnableTwoFactor {\n    enableTwoFactor {\n      otpauthUri\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTwoFactor($code: String!) {\n    confirmTwoFactor(code: $code)\n  }\n"): (typeof documents)["\n  mutation ConfirmTwoFactor($code: String!) {\n    confirmTwoFactor(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTwoFactor($password: String!, $code: String!) {\n    disableTwoFactor(password: $password, code: $code)\n  }\n"): (typeof documents)["\n  mutation DisableTwoFactor($password: String!, $code: String!) {\n    disableTwoFactor(password: $password, code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrivacyZones {\n    privacyZones {\n      ...PrivacyZoneFields\n    }\n  }\n"): (typeof documents)["\n  query PrivacyZones {\n    privacyZones {\n      ...PrivacyZoneFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentTracks {\n    runs(first: 10) {\n      edges {\n        cursor\n        node {\n          id\n          track\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentTracks {\n    runs(first: 10) {\n      edges {\n        cursor\n        node {\n          id\n          track\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPrivacyZone($input: PrivacyZoneInput!) {\n    addPrivacyZone(input: $input) {\n      ...PrivacyZoneFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddPrivacyZone($input: PrivacyZoneInput!) {\n    addPrivacyZone(input: $input) {\n      ...PrivacyZoneFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePrivacyZone($id: ID!) {\n    removePrivacyZone(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemovePrivacyZone($id: ID!) {\n    removePrivacyZone(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowRequests {\n    followRequests {\n      id\n      createdAt\n      from {\n        ...UserSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  query FollowRequests {\n    followRequests {\n      id\n      createdAt\n      from {\n        ...UserSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveFollowRequest($id: ID!) {\n    approveFollowRequest(id: $id) {\n      ...UserSummary\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveFollowRequest($id: ID!) {\n    approveFollowRequest(id: $id) {\n      ...UserSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineFollowRequest($id: ID!) {\n    declineFollowRequest(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeclineFollowRequest($id: ID!) {\n    declineFollowRequest(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlockedUsers {\n    blockedUsers {\n      ...UserSummary\n      isBlockedByViewer\n    }\n  }\n"): (typeof documents)["\n  query BlockedUsers {\n    blockedUsers {\n      ...UserSummary\n      isBlockedByViewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation BlockUser($userId: ID!) {\n    blockUser(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnblockUser($userId: ID!) {\n    unblockUser(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFollower($userId: ID!) {\n    removeFollower(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFollower($userId: ID!) {\n    removeFollower(userId: $userId) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardStats {\n    me {\n      id\n      week: stats(period: WEEK) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      month: stats(period: MONTH) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      year: stats(period: YEAR) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardStats {\n    me {\n      id\n      week: stats(period: WEEK) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      month: stats(period: MONTH) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      year: stats(period: YEAR) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingSummary($weeks: Int) {\n    trainingSummary(weeks: $weeks) {\n      weeks {\n        weekStart\n        distance\n        duration\n        runCount\n      }\n      personalRecords {\n        distance\n        duration\n        run {\n          id\n          name\n          startedAt\n        }\n      }\n      vdot\n      predictions {\n        distance\n        duration\n      }\n      load {\n        date\n        acute\n        chronic\n        balance\n      }\n      shoeAlerts {\n        ...ShoeFields\n      }\n      heartRateZones {\n        zone\n        seconds\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrainingSummary($weeks: Int) {\n    trainingSummary(weeks: $weeks) {\n      weeks {\n        weekStart\n        distance\n        duration\n        runCount\n      }\n      personalRecords {\n        distance\n        duration\n        run {\n          id\n          name\n          startedAt\n        }\n      }\n      vdot\n      predictions {\n        distance\n        duration\n      }\n      load {\n        date\n        acute\n        chronic\n        balance\n      }\n      shoeAlerts {\n        ...ShoeFields\n      }\n      heartRateZones {\n        zone\n        seconds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Runs($first: Int, $after: String) {\n    runs(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...RunFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Runs($first: Int, $after: String) {\n    runs(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...RunFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunDetail($id: ID!, $units: Units!) {\n    run(id: $id) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n      # Per kilometre or per mile, as the runner chose in settings.\n      splits(unit: $units) {\n        index\n        distance\n        duration\n        pace\n        elevationGain\n      }\n      laps {\n        index\n        distance\n        duration\n        pace\n        averageHeartRate\n        averageCadence\n      }\n      maxHeartRate\n      averageCadence\n      track\n      heartRateZones {\n        zone\n        seconds\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunDetail($id: ID!, $units: Units!) {\n    run(id: $id) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n      # Per kilometre or per mile, as the runner chose in settings.\n      splits(unit: $units) {\n        index\n        distance\n        duration\n        pace\n        elevationGain\n      }\n      laps {\n        index\n        distance\n        duration\n        pace\n        averageHeartRate\n        averageCadence\n      }\n      maxHeartRate\n      averageCadence\n      track\n      heartRateZones {\n        zone\n        seconds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRun($input: RunInput!) {\n    createRun(input: $input) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRun($input: RunInput!) {\n    createRun(input: $input) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRun($id: ID!, $input: RunUpdateInput!) {\n    updateRun(id: $id, input: $input) {\n      ...RunFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRun($id: ID!, $input: RunUpdateInput!) {\n    updateRun(id: $id, input: $input) {\n      ...RunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRun($id: ID!) {\n    deleteRun(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteRun($id: ID!) {\n    deleteRun(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportActivity($format: ActivityFormat!, $content: String!, $shoeId: ID, $visibility: Visibility) {\n    importActivity(format: $format, content: $content, shoeId: $shoeId, visibility: $visibility) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportActivity($format: ActivityFormat!, $content: String!, $shoeId: ID, $visibility: Visibility) {\n    importActivity(format: $format, content: $content, shoeId: $shoeId, visibility: $visibility) {\n      ...RunFields\n      user {\n        ...UserSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJob($id: ID!) {\n    importJob(id: $id) {\n      ...ImportJobFields\n    }\n  }\n"): (typeof documents)["\n  query ImportJob($id: ID!) {\n    importJob(id: $id) {\n      ...ImportJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJobs {\n    importJobs(first: 10) {\n      ...ImportJobFields\n    }\n  }\n"): (typeof documents)["\n  query ImportJobs {\n    importJobs(first: 10) {\n      ...ImportJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ImportProgress($jobId: ID!) {\n    importProgress(jobId: $jobId) {\n      ...ImportJobFields\n    }\n  }\n"): (typeof documents)["\n  subscription ImportProgress($jobId: ID!) {\n    importProgress(jobId: $jobId) {\n      ...ImportJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shoes($includeRetired: Boolean) {\n    shoes(includeRetired: $includeRetired) {\n      ...ShoeFields\n    }\n  }\n"): (typeof documents)["\n  query Shoes($includeRetired: Boolean) {\n    shoes(includeRetired: $includeRetired) {\n      ...ShoeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateShoe($input: ShoeInput!) {\n    createShoe(input: $input) {\n      ...ShoeFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateShoe($input: ShoeInput!) {\n    createShoe(input: $input) {\n      ...ShoeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateShoe($id: ID!, $input: ShoeUpdateInput!) {\n    updateShoe(id: $id, input: $input) {\n      ...ShoeFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateShoe($id: ID!, $input: ShoeUpdateInput!) {\n    updateShoe(id: $id, input: $input) {\n      ...ShoeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireShoe($id: ID!) {\n    retireShoe(id: $id) {\n      ...ShoeFields\n    }\n  }\n"): (typeof documents)["\n  mutation RetireShoe($id: ID!) {\n    retireShoe(id: $id) {\n      ...ShoeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Feed($first: Int, $after: String) {\n    feed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...PostFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Feed($first: Int, $after: String) {\n    feed(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...PostFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FeedPostAdded {\n    feedPostAdded {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  subscription FeedPostAdded {\n    feedPostAdded {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PostUpdated($postId: ID!) {\n    postUpdated(postId: $postId) {\n      id\n      likeCount\n      commentCount\n    }\n  }\n"): (typeof documents)["\n  subscription PostUpdated($postId: ID!) {\n    postUpdated(postId: $postId) {\n      id\n      likeCount\n      commentCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePost($input: PostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePost($input: PostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LikePost($postId: ID!) {\n    likePost(postId: $postId) {\n      id\n      likeCount\n      likedByViewer\n    }\n  }\n"): (typeof documents)["\n  mutation LikePost($postId: ID!) {\n    likePost(postId: $postId) {\n      id\n      likeCount\n      likedByViewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlikePost($postId: ID!) {\n    unlikePost(postId: $postId) {\n      id\n      likeCount\n      likedByViewer\n    }\n  }\n"): (typeof documents)["\n  mutation UnlikePost($postId: ID!) {\n    unlikePost(postId: $postId) {\n      id\n      likeCount\n      likedByViewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Comments($postId: ID!, $after: String) {\n    post(id: $postId) {\n      id\n      commentCount\n      comments(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...CommentFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Comments($postId: ID!, $after: String) {\n    post(id: $postId) {\n      id\n      commentCount\n      comments(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...CommentFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CommentAdded($postId: ID!) {\n    commentAdded(postId: $postId) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription CommentAdded($postId: ID!) {\n    commentAdded(postId: $postId) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($postId: ID!, $text: String!) {\n    addComment(postId: $postId, text: $text) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddComment($postId: ID!, $text: String!) {\n    addComment(postId: $postId, text: $text) {\n      ...CommentFields\n      post {\n        id\n        commentCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile($username: String!, $after: String) {\n    user(username: $username) {\n      ...UserSummary\n      bio\n      createdAt\n      followingCount\n      ...FollowFields\n      allTime: stats(period: ALL_TIME) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      month: stats(period: MONTH) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      shoes {\n        id\n        name\n        brand\n        distance\n        usage\n      }\n      runs(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...RunFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Profile($username: String!, $after: String) {\n    user(username: $username) {\n      ...UserSummary\n      bio\n      createdAt\n      followingCount\n      ...FollowFields\n      allTime: stats(period: ALL_TIME) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      month: stats(period: MONTH) {\n        runCount\n        distance\n        duration\n        elevationGain\n        averagePace\n      }\n      shoes {\n        id\n        name\n        brand\n        distance\n        usage\n      }\n      runs(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...RunFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation Follow($userId: ID!) {\n    follow(userId: $userId) {\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  mutation Unfollow($userId: ID!) {\n    unfollow(userId: $userId) {\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchUsers($query: String!) {\n    searchUsers(query: $query, first: 8) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n"): (typeof documents)["\n  query SearchUsers($query: String!) {\n    searchUsers(query: $query, first: 8) {\n      ...UserSummary\n      ...FollowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Groups($query: String, $after: String) {\n    groups(query: $query, first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          ...GroupFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Groups($query: String, $after: String) {\n    groups(query: $query, first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          ...GroupFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Group($id: ID!) {\n    group(id: $id) {\n      ...GroupFields\n      members(first: 8) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...UserSummary\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Group($id: ID!) {\n    group(id: $id) {\n      ...GroupFields\n      members(first: 8) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...UserSummary\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupPosts($id: ID!, $after: String) {\n    group(id: $id) {\n      id\n      posts(first: 8, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GroupPosts($id: ID!, $after: String) {\n    group(id: $id) {\n      id\n      posts(first: 8, after: $after) {\n        edges {\n          cursor\n          node {\n            ...PostFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($input: GroupInput!) {\n    createGroup(input: $input) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGroup($input: GroupInput!) {\n    createGroup(input: $input) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinGroup($groupId: ID!) {\n    joinGroup(groupId: $groupId) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation JoinGroup($groupId: ID!) {\n    joinGroup(groupId: $groupId) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveGroup($groupId: ID!) {\n    leaveGroup(groupId: $groupId) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation LeaveGroup($groupId: ID!) {\n    leaveGroup(groupId: $groupId) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Leaderboard($period: Period!, $groupId: ID) {\n    leaderboard(period: $period, groupId: $groupId) {\n      ...LeaderboardFields\n    }\n  }\n"): (typeof documents)["\n  query Leaderboard($period: Period!, $groupId: ID) {\n    leaderboard(period: $period, groupId: $groupId) {\n      ...LeaderboardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeaderboardUpdated($period: Period!, $groupId: ID) {\n    leaderboardUpdated(period: $period, groupId: $groupId) {\n      ...LeaderboardFields\n    }\n  }\n"): (typeof documents)["\n  subscription LeaderboardUpdated($period: Period!, $groupId: ID) {\n    leaderboardUpdated(period: $period, groupId: $groupId) {\n      ...LeaderboardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($after: String) {\n    notifications(first: 20, after: $after) {\n      unreadCount\n      edges {\n        cursor\n        node {\n          ...NotificationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($after: String) {\n    notifications(first: 20, after: $after) {\n      unreadCount\n      edges {\n        cursor\n        node {\n          ...NotificationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      ...NotificationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead {\n    markNotificationsRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoachConversations {\n    coachConversations(first: 20) {\n      id\n      createdAt\n      messages {\n        ...CoachMessageFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query CoachConversations {\n    coachConversations(first: 20) {\n      id\n      createdAt\n      messages {\n        ...CoachMessageFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AskCoach($message: String!, $conversationId: ID) {\n    askCoach(message: $message, conversationId: $conversationId) {\n      conversationId\n      message {\n        ...CoachMessageFields\n      }\n      toolCalls {\n        name\n        arguments\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AskCoach($message: String!, $conversationId: ID) {\n    askCoach(message: $message, conversationId: $conversationId) {\n      conversationId\n      message {\n        ...CoachMessageFields\n      }\n      toolCalls {\n        name\n        arguments\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CoachReplyChunk($conversationId: ID!) {\n    coachReplyChunk(conversationId: $conversationId) {\n      conversationId\n      delta\n      done\n    }\n  }\n"): (typeof documents)["\n  subscription CoachReplyChunk($conversationId: ID!) {\n    coachReplyChunk(conversationId: $conversationId) {\n      conversationId\n      delta\n      done\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingPlan {\n    trainingPlan {\n      ...TrainingPlanFields\n    }\n  }\n"): (typeof documents)["\n  query TrainingPlan {\n    trainingPlan {\n      ...TrainingPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateTrainingPlan($input: TrainingPlanInput!) {\n    generateTrainingPlan(input: $input) {\n      ...TrainingPlanFields\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateTrainingPlan($input: TrainingPlanInput!) {\n    generateTrainingPlan(input: $input) {\n      ...TrainingPlanFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonalAccessTokens {\n    personalAccessTokens {\n      id\n      name\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query PersonalAccessTokens {\n    personalAccessTokens {\n      id\n      name\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePersonalAccessToken($name: String!, $scopes: [TokenScope!]!, $expiresInDays: Int) {\n    createPersonalAccessToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {\n      token\n      accessToken {\n        id\n        name\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePersonalAccessToken($name: String!, $scopes: [TokenScope!]!, $expiresInDays: Int) {\n    createPersonalAccessToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {\n      token\n      accessToken {\n        id\n        name\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokePersonalAccessToken($id: ID!) {\n    revokePersonalAccessToken(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokePersonalAccessToken($id: ID!) {\n    revokePersonalAccessToken(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Webhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      deliveries(first: 10) {\n        id\n        event\n        responseStatus\n        attempts\n        deliveredAt\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Webhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      deliveries(first: 10) {\n        id\n        event\n        responseStatus\n        attempts\n        deliveredAt\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!) {\n    createWebhook(url: $url, events: $events) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!) {\n    createWebhook(url: $url, events: $events) {\n      secret\n      webhook {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthorizedApps {\n    authorizedApps {\n      id\n      clientId\n      name\n      scopes\n      authorizedAt\n      lastUsedAt\n    }\n  }\n"): (typeof documents)["\n  query AuthorizedApps {\n    authorizedApps {\n      id\n      clientId\n      name\n      scopes\n      authorizedAt\n      lastUsedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeAuthorizedApp($id: ID!) {\n    revokeAuthorizedApp(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeAuthorizedApp($id: ID!) {\n    revokeAuthorizedApp(id: $id)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;