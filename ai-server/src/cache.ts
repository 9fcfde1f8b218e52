import { withCommandTimeout } from '@maratron/core';
import type { RedisClient } from '@maratron/core';

/** A small JSON cache with a TTL: Redis when configured (shared by every process), memory otherwise. */
export interface JsonCache {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Most entries the in-memory cache keeps; the oldest go first. */
const MEMORY_ENTRIES = 10_000;

export class MemoryCache implements JsonCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  async get<T>(key: string): Promise<T | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return JSON.parse(entry.value) as T;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    if (this.entries.size >= MEMORY_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    // Stored as JSON, so a cached answer is the same whether it came from memory or Redis.
    this.entries.set(key, { value: JSON.stringify(value), expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}

/**
 * Redis-backed; a Redis that is away, or silent past the command timeout, makes the cache miss
 * (the caller computes the answer) rather than fail or hold up the tool call.
 */
export class RedisCache implements JsonCache {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'maratron:ai:',
  ) {}

  async get<T>(key: string): Promise<T | null> {
    try {
      const raw = await withCommandTimeout(this.redis, this.redis.get(this.prefix + key));
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await withCommandTimeout(this.redis, this.redis.set(this.prefix + key, JSON.stringify(value), { EX: ttlSeconds })).catch(
      () => undefined,
    );
  }

  async delete(key: string): Promise<void> {
    await withCommandTimeout(this.redis, this.redis.del(this.prefix + key)).catch(() => undefined);
  }
}
