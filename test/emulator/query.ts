// The AWS query protocol as STS and IAM answer it: form-encoded requests, XML answers and errors.
import type { ServerResponse } from 'node:http';
import type { AwsError } from './errors';

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export const xmlText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A value as the query protocol writes it: lists as `<member>` items, structures as child elements. */
export type XmlValue = string | number | boolean | undefined | XmlValue[] | { [name: string]: XmlValue };

export function toXml(value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return xmlText(String(value));
}

export function sendXml(res: ServerResponse, status: number, body: string, requestId: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}

/** `<XResponse><XResult>…</XResult><ResponseMetadata>…`; operations without output have no Result element. */
export function queryResponse(ns: string, action: string, result: XmlValue, requestId: string): string {
  const inner = result === undefined ? '' : `<${action}Result>${toXml(result)}</${action}Result>`;
  return (
    `<${action}Response xmlns="${ns}">${inner}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>\n`
  );
}

// The query services name the SigV4 failures, AccessDenied and unknown actions differently from the JSON
// services, and answer the SigV4 and permission failures with 403.
const QUERY_NAMES: Record<string, [string, number]> = {
  UnrecognizedClientException: ['InvalidClientTokenId', 403],
  InvalidSignatureException: ['SignatureDoesNotMatch', 403],
  MissingAuthenticationTokenException: ['MissingAuthenticationToken', 403],
  AccessDeniedException: ['AccessDenied', 403],
  UnknownOperationException: ['InvalidAction', 400],
  ThrottlingException: ['Throttling', 400],
  ValidationException: ['ValidationError', 400],
};

export function sendQueryError(
  res: ServerResponse,
  ns: string,
  requestId: string,
  e: AwsError,
): { code: string; status: number } {
  const [code, status] = QUERY_NAMES[e.code] ?? [e.code, e.status];
  const type = status >= 500 ? 'Receiver' : 'Sender';
  sendXml(
    res,
    status,
    `<ErrorResponse xmlns="${ns}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${code}</Code>\n` +
      `    <Message>${xmlText(e.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
    requestId,
  );
  return { code, status };
}
