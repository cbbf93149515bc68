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
  const userId = `AIDA${createHash('sha256').update(accessKeyId).digest('hex').slice(0, 17).toUpperCase()}`;
  const body = queryResponse(STS_NS, 'GetCallerIdentity', { Arn: arn, UserId: userId, Account: accountId }, requestId);
  sendXml(res, 200, body, requestId);
}
