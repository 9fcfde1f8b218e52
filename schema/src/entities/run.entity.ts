import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RunEnvironment, Visibility } from '../graphql/enums';

/** One run (table `runs`). `pace`, `user`, `shoe`, `splits`, `laps` and `track` are resolved by the gateway. */
@ObjectType({
  description:
    "A run. Visible to whoever its visibility allows (PUBLIC: every signed-in runner; FOLLOWERS: the owner's followers; PRIVATE: the owner), never to a runner the owner blocked.",
  simpleResolvers: true,
})
export class Run {
  @Field(() => ID, { description: "The run's id (a UUID)." })
  id!: string;

  userId!: string;

  shoeId!: string | null;

  @Field(() => String, { description: 'The runner\'s title for it (e.g. "Sunday long run"); null when none.', nullable: true })
  name!: string | null;

  @Field(() => Date, { description: 'When the run started (UTC).' })
  startedAt!: Date;

  /** Metres. */
  @Field(() => Float, { description: 'Metres.' })
  distance!: number;

  /** Moving time, seconds. */
  @Field(() => Int, { description: 'Moving time, seconds.' })
  duration!: number;

  @Field(() => Float, { description: 'Total climb, metres; null when not known.', nullable: true })
  elevationGain!: number | null;

  @Field(() => Int, { description: 'Average heart rate, beats per minute; null when not recorded.', nullable: true })
  averageHeartRate!: number | null;

  @Field(() => Int, {
    description: 'Highest heart rate recorded, beats per minute; null when the run has no heart rate from a file.',
    nullable: true,
  })
  maxHeartRate!: number | null;

  @Field(() => Int, {
    description: 'Average cadence, steps per minute (both feet), over the moving time; null when the file has no cadence.',
    nullable: true,
  })
  averageCadence!: number | null;

  @Field(() => RunEnvironment, { description: 'Where it was run.' })
  environment!: RunEnvironment;

  @Field(() => Visibility, { description: 'Who may see it.' })
  visibility!: Visibility;

  /** The map for the runner only: for anyone else `track` is null and the GPX download refused. */
  @Field(() => Boolean, { description: 'true: no track or GPX for anyone but the owner.' })
  hideTrack!: boolean;

  @Field(() => String, { description: "The runner's notes; null when none.", nullable: true })
  notes!: string | null;

  @Field(() => Date, { description: 'When the run was recorded in Maratron.' })
  createdAt!: Date;
}
