import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { queryResponse, sendXml, STS_NS } from './query';

/** GetCallerIdentity in the query protocol, so `aws sts get-caller-identity` works against the emulator. */
export function sendCallerIdentity(
  res: ServerResponse,
  requestId: string,
  accountId: string,
  arn: string,
  accessKeyId: string,
): void {
  // An assumed role's UserId is the role's unique ID (AROA...) and the session name.
  const role = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 17).toUpperCase();
  const userId = role ? `AROA${hash(`${accountId}/${role[1]}`)}:${role[2]}` : `AIDA${hash(accessKeyId)}`;
  const body = queryResponse(STS_NS, 'GetCallerIdentity', { Arn: arn, UserId: userId, Account: accountId }, requestId);
  sendXml(res, 200, body, requestId);
}
