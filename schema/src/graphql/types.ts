import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Run } from '../entities/run.entity';
import { User } from '../entities/user.entity';
import { CountedConnectionType } from './connection';

@ObjectType({ simpleResolvers: true })
export class RunStats {
  @Field(() => Int) runCount!: number;
  /** Metres. */
  @Field(() => Float) distance!: number;
  /** Seconds. */
  @Field(() => Int) duration!: number;
  @Field(() => Float) elevationGain!: number;
  /** Seconds per km over the period; null without distance. */
  @Field(() => Float, { nullable: true }) averagePace!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class Split {
  @Field(() => Int) index!: number;
  @Field(() => Float) distance!: number;
  @Field(() => Int) duration!: number;
  @Field(() => Float) pace!: number;
  @Field(() => Float, { nullable: true }) elevationGain!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class AuthPayload {
  @Field(() => String) token!: string;
  @Field(() => User) user!: User;
}

export const RunConnection = CountedConnectionType('Run', Run);
export type RunConnection = InstanceType<typeof RunConnection>;
