import { ERROR_CODES, type ErrorCode } from '../../shared/errors.ts';

/** The one error class. `rule` names a SPEC article (A1-8 …) or a field when it applies. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CODES[code].message);
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `未找到${what} / ${what} not found`, { entity: what });
export const forbidden = (message?: string, details?: unknown) => new AppError('FORBIDDEN', message, details);
