// The GraphQL object types of the tables' rows. The tables themselves are made by the migrations
// (migrations/), and which column backs each property is written once, in core's column maps
// (core/src/database/columns.ts): no ORM metadata here.
export * from './user.entity';
export * from './training-profile.entity';
export * from './shoe.entity';
export * from './run.entity';
export * from './group.entity';
export * from './post.entity';
export * from './comment.entity';
export * from './notification.entity';
export * from './follow-request.entity';
export * from './privacy-zone.entity';
export * from './webhook.entity';
