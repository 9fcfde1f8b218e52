import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    "Time in one heart-rate zone. Zones 1–5 by heart-rate reserve (Karvonen): zone k from rest + (max − rest) × (40 + 10k) % to rest + (max − rest) × (50 + 10k) %, with the runner's max and resting heart rate; time below zone 1 counts in zone 1 and above max in zone 5.",
})
export class ZoneTime {
  @Field(() => Int, { description: 'The zone, 1 (easiest) to 5.' }) zone!: number;
  @Field(() => Int, { description: 'Moving seconds in the zone.' }) seconds!: number;
}
