// HS256 access tokens (auth.md §3.1): a compiled signer and verifier per secret. fast-jwt is the
// engine under @fastify/jwt; we use it directly because dual authentication needs one verifier per
// app secret plus the platform's, chosen per request.
import { createSigner, createVerifier } from 'fast-jwt';
import { type AppError, errors } from '../errors.js';

export const ACCESS_TOKEN_TTL_S = 900;
export const REFRESH_TOKEN_TTL_S = 7 * 24 * 3600;

export interface Caller {
  id: string;
  roles: string[];
  /** True when authenticated with a platform token inside an app. */
  platform?: boolean;
}

export class TokenIssuer {
  private readonly signer: (payload: Record<string, unknown>) => string;
  private readonly verifier: (token: string) => Record<string, unknown>;

  constructor(secret: string) {
    this.signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_S * 1000 });
    this.verifier = createVerifier({ key: secret, algorithms: ['HS256'], cache: 1000 });
  }

  sign(userId: string, roles: string[]): string {
    return this.signer({ roles, sub: userId });
  }

  /** The caller the token names, or undefined when it is invalid, expired or signed otherwise. */
  verify(token: string): Caller | undefined {
    try {
      const claims = this.verifier(token);
      if (typeof claims.sub !== 'string') return undefined;
      const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
      return { id: claims.sub, roles };
    } catch {
      return undefined;
    }
  }
}

/** Splits an Authorization header (auth.md §5); returns the 401 to throw or the token. */
export function bearerToken(header: string | undefined): { token: string } | { error: AppError } {
  if (header === undefined || header === '') return { error: errors.missingAuthToken() };
  const parts = header.split(' ');
  if (parts.length !== 2 || parts[0].toLowerCase() !== 'bearer' || parts[1] === '') {
    return { error: errors.invalidAuthHeader() };
  }
  return { token: parts[1] };
}
