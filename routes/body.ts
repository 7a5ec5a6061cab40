// Request-body helpers shared by route modules (platform-and-apps.md §1.3).
import { AppError, errors } from '../core/errors.js';

/** The body as an object: a missing body is {}, a non-object JSON body is 400. */
export function objectBody(body: unknown, message?: string): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw message ? new AppError('INVALID_PAYLOAD', message) : errors.invalidJson();
  }
  return body as Record<string, unknown>;
}
