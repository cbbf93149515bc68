// The IAM Identity Center portal API (service `sso`, host portal.sso.REGION.amazonaws.com): what `aws sso login`
// profiles and the SDKs' SSO credential provider call. Authorised by the access token in `x-amz-sso_bearer_token`,
// not by SigV4. The REST layer (rest.ts) turns the query string and that header into the input read here.
import { AwsError } from './errors';
import { decodeToken, encodeToken } from './ops';
import type { Handler, Input, OpContext } from './ops';
import type { SsoAccount, SsoToken } from './sso-state';

// "Session token not found or invalid" is what the portal answers for an unknown or expired token, as AWS CLI and
// SDK users report it (e.g. synfinatic/aws-sso-cli#1219, ryansonshine/aws-sso-creds-helper#57).
const unauthorized = (): AwsError => new AwsError('UnauthorizedException', 'Session token not found or invalid', 401);

// Not in the service model, but what the portal answers for an account or role not assigned to the user
// (aws/aws-sam-cli#2129, fwdcloudsec/granted#276: "403 ... ForbiddenException: No access").
const noAccess = (): AwsError => new AwsError('ForbiddenException', 'No access', 403);

const invalid = (message: string): AwsError => new AwsError('InvalidRequestException', message);

function session(ctx: OpContext, input: Input): SsoToken {
  const given = input.accessToken;
  const token = typeof given === 'string' ? ctx.state.sso.tokens.get(given) : undefined;
  if (!token || token.expiresAt <= ctx.now) throw unauthorized();
  return token;
}

function required(input: Input, member: string): string {
  const v = input[member];
  if (typeof v !== 'string' || v === '') throw invalid(`${member} is required`);
  return v;
}

function account(ctx: OpContext, input: Input): SsoAccount {
  const id = required(input, 'accountId');
  const found = ctx.state.sso.accounts.find((a) => a.accountId === id);
  if (!found) throw noAccess();
  return found;
}

/** Query-string numbers arrive as text; the model allows 1..100. */
function maxResults(input: Input, fallback: number): number {
  const v = input.maxResults;
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(String(v)) || n < 1 || n > 100) throw invalid('maxResults must be between 1 and 100');
  return n;
}

/** Neither the API reference nor the model give a default page size: 20 here (UNSETTLED). */
const DEFAULT_PAGE = 20;

function page<T>(items: T[], input: Input): { items: T[]; nextToken?: string } {
  const size = maxResults(input, DEFAULT_PAGE);
  const token = typeof input.nextToken === 'string' && input.nextToken !== '' ? input.nextToken : undefined;
  const start = decodeToken(token, 'InvalidRequestException', 'Invalid nextToken');
  const next = start + size < items.length ? encodeToken(start + size) : undefined;
  return { items: items.slice(start, start + size), ...(next ? { nextToken: next } : {}) };
}

const listAccounts: Handler = (ctx, input) => {
  session(ctx, input);
  const p = page(ctx.state.sso.accounts, input);
  return {
    accountList: p.items.map((a) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      ...(a.emailAddress === undefined ? {} : { emailAddress: a.emailAddress }),
    })),
    ...(p.nextToken ? { nextToken: p.nextToken } : {}),
  };
};

// An account the user has no assignment in is refused as GetRoleCredentials refuses it (UNSETTLED for this call).
const listAccountRoles: Handler = (ctx, input) => {
  session(ctx, input);
  const a = account(ctx, input);
  const p = page(a.roles, input);
  return {
    roleList: p.items.map((roleName) => ({ roleName, accountId: a.accountId })),
    ...(p.nextToken ? { nextToken: p.nextToken } : {}),
  };
};

const getRoleCredentials: Handler = (ctx, input) => {
  const token = session(ctx, input);
  const roleName = required(input, 'roleName');
  const a = account(ctx, input);
  if (!a.roles.includes(roleName)) throw noAccess();
  const c = ctx.state.sso.mint(token, a, roleName, ctx.now);
  return {
    roleCredentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      expiration: c.expiration,
    },
  };
};

/** Ends the portal session: the token is no longer accepted. Role credentials already handed out keep working. */
const logout: Handler = (ctx, input) => {
  const token = session(ctx, input);
  ctx.state.sso.tokens.delete(token.accessToken);
  return undefined;
};

export const ssoOps: Record<string, Handler> = {
  ListAccounts: listAccounts,
  ListAccountRoles: listAccountRoles,
  GetRoleCredentials: getRoleCredentials,
  Logout: logout,
};
