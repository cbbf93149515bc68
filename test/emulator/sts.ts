import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AwsError } from './errors';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function send(res: ServerResponse, status: number, body: string, requestId: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}

/** GetCallerIdentity in the query protocol, so `aws sts get-caller-identity` works against the emulator. */
export function sendCallerIdentity(
  res: ServerResponse,
  requestId: string,
  accountId: string,
  arn: string,
  accessKeyId: string,
): void {
  const userId = `AIDA${createHash('sha256').update(accessKeyId).digest('hex').slice(0, 17).toUpperCase()}`;
  send(
    res,
    200,
    `<GetCallerIdentityResponse xmlns="${NS}">\n  <GetCallerIdentityResult>\n    <Arn>${xml(arn)}</Arn>\n` +
      `    <UserId>${userId}</UserId>\n    <Account>${accountId}</Account>\n  </GetCallerIdentityResult>\n` +
      `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`,
    requestId,
  );
}

// STS names the SigV4 failures differently from the JSON services and answers them with 403.
const STS_NAMES: Record<string, [string, number]> = {
  UnrecognizedClientException: ['InvalidClientTokenId', 403],
  InvalidSignatureException: ['SignatureDoesNotMatch', 403],
  MissingAuthenticationTokenException: ['MissingAuthenticationToken', 403],
};

export function sendStsError(res: ServerResponse, requestId: string, e: AwsError): { code: string; status: number } {
  const [code, status] = STS_NAMES[e.code] ?? [e.code, e.status];
  const type = status >= 500 ? 'Receiver' : 'Sender';
  send(
    res,
    status,
    `<ErrorResponse xmlns="${NS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${code}</Code>\n` +
      `    <Message>${xml(e.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
    requestId,
  );
  return { code, status };
}
