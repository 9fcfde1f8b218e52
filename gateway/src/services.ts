import { SignInLimiter } from './auth/sign-in-limiter';
import { TokenService } from './auth/tokens';
import type { Config } from './config';
import type { RedisClient } from './redis';
import { RunsService } from './runs/runs.service';
import { ShoesService } from './shoes/shoes.service';
import { FollowsService } from './social/follows.service';
import { TrainingService } from './training/training.service';
import { UsersService } from './users/users.service';

/** One instance of each service per process; they hold no request state. */
export function createServices(config: Pick<Config, 'jwtTtlSeconds' | 'signInLimits'> & { jwtSecret: string }, redis: RedisClient | null) {
  const tokens = new TokenService(config.jwtSecret, config.jwtTtlSeconds);
  const shoes = new ShoesService();
  return {
    tokens,
    users: new UsersService(tokens, new SignInLimiter(config.signInLimits, redis)),
    shoes,
    runs: new RunsService(shoes),
    follows: new FollowsService(),
    training: new TrainingService(shoes),
  };
}

export type Services = ReturnType<typeof createServices>;
