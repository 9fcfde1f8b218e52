import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** What a verified bearer token says: whose it is, the session it belongs to, and when it expires. */
export interface TokenClaims {
  userId: string;
  /** The `sessions` row the token belongs to (its `sid` claim): ending the session refuses the token. */
  sessionId: string;
  expiresAt: Date;
}

/** Verified session tokens remembered per process (≈ 0.5 KB each). */
const VERIFIED_SESSION_TOKENS_KEPT = 10_000;

/** A download link's token carries the credential it was made from, but is good for its one download only, never as a bearer. */
const isDownloadLink = (payload: object) => 'dl' in payload;

/** What a download link carries of the credential that made it. */
export interface DownloadCredential {
  userId: string;
  sessionId: string | null;
  accessTokenId: string | null;
  /** Null for a session (every scope). */
  scopes: readonly string[] | null;
}

/**
 * Bearer tokens: HS256 JWTs whose subject is the user id and whose `sid` claim names the session
 * (core/src/sessions) they belong to, with an expiry. A token without a session is no token: every
 * request checks that its session still exists (RequestDb's opening round trip).
 */
export class TokenService {
  /**
   * A KeyObject made once: given a string, jsonwebtoken builds a key on every call (first
   * trying it as a public key), which was an eighth of the gateway's CPU under load.
   */
  private readonly secret: KeyObject;

  /**
   * Session tokens already verified, by their text: a runner's client sends the same token on
   * every request until it expires, and checking its signature again (HMAC, JSON, base64) was a
   * few per cent of the gateway's CPU per request. Only tokens that verified are kept, each
   * until its expiry; whether its session still exists is checked per request regardless.
   */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(userId: string, sessionId: string): string {
    return jwt.sign({ sid: sessionId }, this.secret, { algorithm: 'HS256', subject: userId, expiresIn: this.ttlSeconds });
  }

  /**
   * A short-lived token acting for a personal access token (the coach's calls to its MCP tools on
   * behalf of a request that came with one): it names the access token (`pat`), which every request
   * checks still stands, and carries the scopes it may use (`scp`).
   */
  issueDelegated(userId: string, accessTokenId: string, scopes: readonly string[]): string {
    return jwt.sign({ pat: accessTokenId, scp: scopes }, this.secret, { algorithm: 'HS256', subject: userId, expiresIn: this.ttlSeconds });
  }

  /** A token of `issueDelegated`'s: its runner, access token, scopes and expiry; null for anything else. */
  verifyDelegated(token: string): { userId: string; accessTokenId: string; scopes: string[]; expiresAt: Date } | null {
    try {
      const payload = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
      if (isDownloadLink(payload)) return null;
      const pat: unknown = payload.pat;
      const scp: unknown = payload.scp;
      if (typeof pat !== 'string' || !pat || !Array.isArray(scp) || !scp.every((s) => typeof s === 'string')) return null;
      return { userId: payload.sub, accessTokenId: pat, scopes: scp as string[], expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  }

  /**
   * A one-minute link token for one download (`GET path?download=…`): a browser can then save a
   * large file straight to disk (a plain navigation) instead of holding it in memory behind a
   * fetch with the Authorization header. It carries the credential it was made from — its session
   * or access token, still checked when the download's transaction opens, and its scopes — and is
   * good for that path only.
   */
  issueDownload(credential: DownloadCredential, path: string, ttlSeconds: number): string {
    const { userId, sessionId, accessTokenId, scopes } = credential;
    return jwt.sign({ dl: path, sid: sessionId, pat: accessTokenId, scp: scopes }, this.secret, {
      algorithm: 'HS256',
      subject: userId,
      expiresIn: ttlSeconds,
    });
  }

  /** A token of `issueDownload`'s for exactly `path`: the credential it carries; null for anything else. */
  verifyDownload(token: string, path: string): (DownloadCredential & { expiresAt: Date }) | null {
    try {
      const payload = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
      const { dl, sid, pat, scp } = payload as { dl?: unknown; sid?: unknown; pat?: unknown; scp?: unknown };
      if (dl !== path) return null;
      const sessionId = typeof sid === 'string' && sid ? sid : null;
      const accessTokenId = typeof pat === 'string' && pat ? pat : null;
      // Exactly one of the two: a session (every scope) or an access token (its scopes).
      if (!sessionId === !accessTokenId) return null;
      const scopes = scp === null ? null : Array.isArray(scp) && scp.every((s) => typeof s === 'string') ? (scp as string[]) : undefined;
      if (scopes === undefined || (sessionId && scopes !== null)) return null;
      return { userId: payload.sub, sessionId, accessTokenId, scopes, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  }

  /** The token's claims, or null when it is malformed, forged, expired or names no session. */
  verifySession(token: string): TokenClaims | null {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt.getTime() > Date.now()) return known;
      this.verified.delete(token);
    }
    const claims = this.verifySessionSignature(token);
    if (claims) {
      // The oldest first out when full (a Map iterates in insertion order).
      if (this.verified.size >= VERIFIED_SESSION_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
    }
    return claims;
  }

  private verifySessionSignature(token: string): TokenClaims | null {
    try {
      const payload = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
      if (isDownloadLink(payload)) return null;
      const sid: unknown = payload.sid;
      if (typeof sid !== 'string' || !sid) return null;
      return { userId: payload.sub, sessionId: sid, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  }

  /** `Authorization: Bearer <token>` → the token, or null without one. */
  static fromHeader(header: string | undefined): string | null {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match ? match[1] : null;
  }
}
