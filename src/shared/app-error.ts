// The one error type of the domain. It knows nothing of HTTP: http/error-handler.ts maps codes to statuses.

export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'payload_too_large'
  | 'clock_not_manual'
  | 'unsupported_media_type'
  | 'insufficient_storage'
  | 'too_many_requests'
  | 'internal';

export interface AppErrorOptions {
  detail: string;
  /** Where the problem is: a JSON pointer-like path such as `events[3].occurred_at`. */
  field?: string;
  cause?: unknown;
  extra?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions) {
    super(options.detail, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.extra = options.extra;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
