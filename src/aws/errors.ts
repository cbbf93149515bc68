// Turns whatever the SDK throws into one of a few categories and a sentence a person can act on.
// Pure, so the mapping is unit-tested without AWS or VS Code.

export type ErrorCategory =
  | 'credentials'
  | 'accessDenied'
  | 'notFound'
  | 'invalidState'
  | 'throttled'
  | 'timeout'
  | 'network'
  | 'validation'
  | 'service'
  | 'unknown';

export interface ErrorContext {
  /** The IAM action that was attempted, e.g. `secretsmanager:UntagResource`. */
  readonly action: string;
  /** A name the user recognises: the secret name or key alias. */
  readonly resource?: string;
}

export interface DescribedError {
  readonly category: ErrorCategory;
  readonly name: string;
  readonly message: string;
}

const CATEGORY_BY_NAME: Record<string, ErrorCategory> = {
  CredentialsProviderError: 'credentials',
  ExpiredTokenException: 'credentials',
  ExpiredToken: 'credentials',
  UnrecognizedClientException: 'credentials',
  InvalidSignatureException: 'credentials',
  InvalidClientTokenId: 'credentials',
  TokenProviderError: 'credentials',
  // An Identity Center session to sign in to again (ssoSessions.ts), and the portal refusing its token.
  SsoLoginRequired: 'credentials',
  UnauthorizedException: 'credentials',
  AccessDeniedException: 'accessDenied',
  AccessDenied: 'accessDenied',
  ResourceNotFoundException: 'notFound',
  NotFoundException: 'notFound',
  KMSInvalidStateException: 'invalidState',
  InvalidRequestException: 'invalidState',
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  TooManyRequestsException: 'throttled',
  TimeoutError: 'timeout',
  RequestTimeout: 'timeout',
  ValidationException: 'validation',
  InvalidParameterException: 'validation',
  TagException: 'validation',
  LimitExceededException: 'validation',
  InternalServiceError: 'service',
  KMSInternalException: 'service',
  DependencyTimeoutException: 'service',
  KeyUnavailableException: 'service',
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

export function errorName(error: unknown): string {
  const record = (error ?? {}) as { name?: string; code?: string };
  if (record.code && NETWORK_CODES.has(record.code)) return record.code;
  return record.name && record.name !== 'Error' ? record.name : (record.code ?? 'Error');
}

export function errorCategory(error: unknown): ErrorCategory {
  const name = errorName(error);
  if (NETWORK_CODES.has(name)) return 'network';
  const known = CATEGORY_BY_NAME[name];
  if (known) return known;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return 'service';
  const message = String((error as { message?: string })?.message ?? '');
  if (/socket hang up|ECONNRESET|ECONNREFUSED|getaddrinfo/i.test(message)) return 'network';
  if (/sso.*(expired|token)|token.*expired/i.test(message)) return 'credentials';
  return 'unknown';
}

const FAILED_ACTION = Symbol('awsTags.failedAction');

/**
 * Notes on an error which call failed (e.g. `kms:ListAliases`), so that a message names the permission really
 * missing, not the command's main call: listing KMS keys also calls ListAliases, DescribeKey and ListResourceTags.
 */
export function markFailedAction<T>(error: T, action: string): T {
  if (typeof error === 'object' && error !== null && !(FAILED_ACTION in error)) {
    Object.defineProperty(error, FAILED_ACTION, { value: action, enumerable: false });
  }
  return error;
}

function failedAction(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null
    ? (error as { [FAILED_ACTION]?: string })[FAILED_ACTION]
    : undefined;
}

export function describeError(error: unknown, given: ErrorContext): DescribedError {
  const context = { ...given, action: failedAction(error) ?? given.action };
  const name = errorName(error);
  const category = errorCategory(error);
  const awsMessage = String((error as { message?: string })?.message ?? '').trim();
  const subject = context.resource ? `"${context.resource}"` : 'the resource';
  let message: string;
  switch (category) {
    case 'credentials':
      // Our own error's text names the session and the command that signs in again: nothing from outside.
      if (name === 'SsoLoginRequired') {
        message = awsMessage;
        break;
      }
      message = `AWS credentials are missing, invalid or expired (${name}). Select a profile or refresh your credentials, then try again.`;
      break;
    case 'accessDenied':
      message = `Access denied: your credentials may not call ${context.action} on ${subject}.`;
      if (context.action.endsWith(':UntagResource')) {
        message +=
          ' AWS also refuses a removal that would take away your own access to the resource (tag-based access control).';
      }
      break;
    case 'notFound':
      message = `${capitalise(subject)} no longer exists: it was deleted outside this window.`;
      break;
    case 'invalidState':
      message = `AWS refused the change to ${subject}: ${awsMessage || name}`;
      break;
    case 'throttled':
      message = `AWS is throttling ${context.action} (rate exceeded) and the retries ran out. Wait a moment and try again.`;
      break;
    case 'timeout':
      message = `AWS did not answer ${context.action} in time. Check your network or the endpoint, then try again.`;
      break;
    case 'network':
      message = `Cannot reach the AWS endpoint for ${context.action} (${name}). Check your network, proxy or endpoint setting.`;
      break;
    case 'validation':
      message = `AWS rejected the request for ${subject}: ${awsMessage || name}`;
      break;
    case 'service':
      message = `AWS had an internal error on ${context.action} (${name}) after retries. Try again later.`;
      break;
    default:
      message = `${context.action} failed for ${subject}: ${name}${awsMessage ? `: ${awsMessage}` : ''}`;
  }
  return { category, name, message };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What may be logged or shown when credentials could not be had: the error's kind and a fixed explanation, never
 * its text. A failing credential_process puts its command line and its stderr in the SDK's message, and either can
 * hold a token.
 */
export function credentialsProblem(profile: string | undefined, error: unknown): string {
  const name = errorName(error);
  const where = profile ? `profile ${profile}` : 'the default credential chain';
  return `${name}: the credentials of ${where} could not be loaded (a credential_process command, an expired SSO session or missing keys); run \`aws sts get-caller-identity${profile ? ` --profile ${profile}` : ''}\` in a terminal to see why.`;
}
