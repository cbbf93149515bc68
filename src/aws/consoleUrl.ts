import { parse } from '@aws-sdk/util-arn-parser';
import type { AwsResource } from './types';

// The console's host differs per partition; the ARN says which partition a resource lives in.
const CONSOLE_HOST: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

// The ARN comes from an endpoint's answer: its region goes into a host name, so it must be one AWS could send.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;

/**
 * The AWS console page of a secret or key, for the right partition and region. Throws for an ARN whose partition,
 * region or account is not in AWS's format, so that no other host is ever opened.
 */
export function consoleUrl(resource: AwsResource): string {
  const parts = (() => {
    try {
      return parse(resource.arn);
    } catch {
      return undefined;
    }
  })();
  const host = parts && Object.hasOwn(CONSOLE_HOST, parts.partition) ? CONSOLE_HOST[parts.partition] : undefined;
  if (!parts || !host || !REGION.test(parts.region) || !ACCOUNT.test(parts.accountId)) {
    throw new Error("The resource's ARN is not an AWS ARN (partition, region or account): it is not opened.");
  }
  const { region } = parts;
  const base = `https://${region}.${host}`;
  if (resource.kind === 'secret') {
    return `${base}/secretsmanager/secret?name=${encodeURIComponent(resource.name)}&region=${region}`;
  }
  // AWS managed keys live on their own console page ("AWS managed keys"), customer keys on another.
  const page = resource.keyManager === 'AWS' ? 'defaultKeys' : 'keys';
  return `${base}/kms/home?region=${region}#/kms/${page}/${encodeURIComponent(resource.keyId)}`;
}

/** Tags as one JSON object, the shape `aws ... tag-resource` examples and most scripts use. */
export function tagsAsJson(resource: AwsResource): string {
  const object: Record<string, string> = {};
  for (const tag of resource.tags ?? []) object[tag.key] = tag.value;
  return JSON.stringify(object, null, 2);
}
