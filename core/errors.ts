// The one error type of the engine and the registry of error codes (spec/platform-and-apps.md §1.2,
// spec/rest-api.md §12). The error plugin turns every AppError into the standard envelope.

export interface ErrorDetail {
  field?: string;
  rule?: string;
  message: string;
}

/** Every code the API can answer with, and its HTTP status. */
export const ERROR_CODES = {
  INVALID_PAYLOAD: 400,
  UNKNOWN_FIELD: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  APP_NOT_FOUND: 404,
  NOT_FOUND: 404,
  UNKNOWN_ENTITY: 404,
  CONFLICT: 409,
  FILE_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  INVALID_STATE: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  WEBHOOK_FAILED: 500,
  NOT_CONFIGURED: 501,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    status?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = status ?? ERROR_CODES[code];
  }

  toBody(): { error: { code: string; message: string; details?: ErrorDetail[] } } {
    const error: { code: string; message: string; details?: ErrorDetail[] } = { code: this.code, message: this.message };
    if (this.details && this.details.length > 0) error.details = this.details;
    return { error };
  }
}

// Constructors for the errors that recur across modules, so their wording lives in one place.
export const errors = {
  invalidJson: () => new AppError('INVALID_PAYLOAD', 'Invalid JSON body'),
  unauthorized: (message: string) => new AppError('UNAUTHORIZED', message),
  forbidden: (message: string) => new AppError('FORBIDDEN', message),
  notFound: (message: string) => new AppError('NOT_FOUND', message),
  routeNotFound: () => new AppError('NOT_FOUND', 'Route not found'),
  conflict: (message: string, details?: ErrorDetail[]) => new AppError('CONFLICT', message, details),
  validation: (message: string, details?: ErrorDetail[]) => new AppError('VALIDATION_FAILED', message, details),
  /** A VALIDATION_FAILED answered with 400 instead of 422 (used invite, expired invite: auth.md §4.4). */
  validationBadRequest: (message: string) => new AppError('VALIDATION_FAILED', message, undefined, 400),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('RATE_LIMITED', `Rate limit exceeded, retry in ${retryAfterSeconds} seconds`),
  internal: (message = 'Internal server error') => new AppError('INTERNAL_ERROR', message),
};
