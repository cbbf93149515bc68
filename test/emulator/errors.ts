import type { ServiceName } from './types';

/** An error answered the way AWS answers it: the name goes to `__type` and `X-Amzn-ErrorType`. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const SM_NOT_FOUND = "Secrets Manager can't find the specified secret.";
export const SM_MARKED_FOR_DELETION =
  "You can't perform this operation on the secret because it was marked for deletion.";
export const KMS_THROTTLED =
  'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.';
export const SM_THROTTLED = 'Rate exceeded';
export const INVALID_TOKEN = 'The security token included in the request is invalid.';
export const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Model constraint violations, in the wording AWS's request validation uses. */
export function validationError(value: unknown, path: string, constraint: string): AwsError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

// The throttling and internal-failure errors each service declares.
const THROTTLED: Partial<Record<ServiceName, [string, string]>> = {
  kms: ['ThrottlingException', KMS_THROTTLED],
  tagging: ['ThrottledException', SM_THROTTLED],
  account: ['TooManyRequestsException', SM_THROTTLED],
  sso: ['TooManyRequestsException', SM_THROTTLED],
};

const INTERNAL: Partial<Record<ServiceName, [string, string]>> = {
  iam: ['ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.'],
  kms: ['KMSInternalException', 'An internal error occurred.'],
  tagging: ['InternalServiceException', 'The request processing failed because of an unknown error.'],
  account: ['InternalServerException', 'An internal error occurred.'],
};

export function throttled(service: ServiceName): AwsError {
  const [name, message] = THROTTLED[service] ?? ['ThrottlingException', SM_THROTTLED];
  return new AwsError(name, message);
}

export function internalFault(service: ServiceName): AwsError {
  const [name, message] = INTERNAL[service] ?? ['InternalServiceError', 'An error occurred on the server side.'];
  return new AwsError(name, message, 500);
}

export function accessDenied(principal: string, action: string, resource: string, why?: string): AwsError {
  const reason = why ?? `because no identity-based policy allows the ${action} action`;
  return new AwsError(
    'AccessDeniedException',
    `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${reason}`,
  );
}

const SERVER_FAULTS = new Set([
  'InternalServiceError',
  'KMSInternalException',
  'DependencyTimeoutException',
  'KeyUnavailableException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceFailure',
  'InternalServiceException',
  'InternalServerException',
]);

/** Builds the error a fault rule asked for, in the spelling of the service that was called. */
export function faultError(
  service: ServiceName,
  name: string | undefined,
  message?: string,
  status?: number,
): AwsError {
  if (!name || Object.values(INTERNAL).some(([n]) => n === name) || name === 'InternalServiceError') {
    const base = internalFault(service);
    return new AwsError(base.code, message ?? base.message, status ?? 500);
  }
  if (name === 'ThrottlingException') {
    return new AwsError(name, message ?? throttled(service).message, status ?? 400);
  }
  const defaults: Record<string, string> = {
    AccessDeniedException: 'User is not authorized to perform this operation.',
    ExpiredTokenException: 'The security token included in the request is expired',
    UnrecognizedClientException: INVALID_TOKEN,
    DependencyTimeoutException: 'The system timed out while trying to fulfill the request.',
  };
  return new AwsError(name, message ?? defaults[name] ?? name, status ?? (SERVER_FAULTS.has(name) ? 500 : 400));
}
