import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { SigningKeyStore } from './signing-key.store.js';

export interface AccessTokenClaims {
  sub: string;
  /** Token version: bumped on deactivation or password change, which revokes older tokens. */
  tv: number;
  /** Expiry (seconds since the epoch), set when the token is signed. */
  exp?: number;
}

/** Tokens whose signature this process has checked; more than the active users of a busy day. */
const MAX_VERIFIED = 10_000;

/** `Authorization: Bearer <token>`: the scheme in any case, the token up to the first blank. */
const BEARER = /(\S+)\s+(\S+)/;

/** The bearer token of an Authorization header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const parts = header === undefined ? null : BEARER.exec(header);
  return parts && parts[1]!.toLowerCase() === 'bearer' ? parts[2] : undefined;
}

/**
 * Checks an access token's signature (HS256 with this deployment's key) and expiry. A token's
 * signature never changes its answer for a given key, and clients send the same token on every
 * request until it expires, so each token checked is remembered until its expiry and only the
 * expiry is compared again. Whether the token still stands for an active user is not decided
 * here: the caller resolves its subject and token version on every request (ActorResolver).
 */
@Injectable()
export class AccessTokens {
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeyStore,
  ) {}

  /** The token's claims, or null when it is malformed, signed otherwise, or expired. */
  verify(token: string): AccessTokenClaims | null {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp === undefined || known.exp * 1000 > Date.now()) return known;
      this.verified.delete(token);
      return null;
    }
    let claims: AccessTokenClaims;
    try {
      // jsonwebtoken accepts a KeyObject; @nestjs/jwt's types only name strings and buffers.
      claims = this.jwt.verify<AccessTokenClaims>(token, { secret: this.keys.secret as unknown as string, algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (this.verified.size >= MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, Object.freeze(claims));
    return claims;
  }
}
