import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RunEnvironment, Visibility } from '../graphql/enums';

/** One run (table `runs`). `pace`, `user`, `shoe`, `splits` and `track` are resolved by the gateway. */
@ObjectType({ simpleResolvers: true })
export class Run {
  @Field(() => ID)
  id!: string;

  userId!: string;

  shoeId!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Date)
  startedAt!: Date;

  /** Metres. */
  @Field(() => Float)
  distance!: number;

  /** Moving time, seconds. */
  @Field(() => Int)
  duration!: number;

  @Field(() => Float, { nullable: true })
  elevationGain!: number | null;

  @Field(() => Int, { nullable: true })
  averageHeartRate!: number | null;

  @Field(() => RunEnvironment)
  environment!: RunEnvironment;

  @Field(() => Visibility)
  visibility!: Visibility;

  /** The map for the runner only: for anyone else `track` is null and the GPX download refused. */
  @Field(() => Boolean, { description: 'true: no track or GPX for anyone but the owner.' })
  hideTrack!: boolean;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}
