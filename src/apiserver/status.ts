/**
 * Errors as the API server sends them: a metav1.Status body with the HTTP code and a machine
 * reason. Clients (client-node, kubectl) branch on `reason` and `code`, so both must be right.
 */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function statusBody(code: number, reason: StatusReason, message: string, details?: StatusDetails): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export const notFoundPath = (): ApiError => new ApiError(404, 'NotFound', 'the server could not find the requested resource');

/** `pods "web" not found`, `deployments.apps "web" not found`. */
export const notFoundObject = (plural: string, group: string, name: string): ApiError =>
  new ApiError(404, 'NotFound', `${group ? `${plural}.${group}` : plural} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind: plural,
  });

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);

export const methodNotAllowed = (): ApiError =>
  new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

export const expiredContinue = (): ApiError =>
  new ApiError(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
  );
