import { parse } from '@aws-sdk/util-arn-parser';
import type { AwsResource } from './types';

// The console's host differs per partition; the ARN says which partition a resource lives in.
const CONSOLE_HOST: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/** The AWS console page of a secret or key, for the right partition and region. */
export function consoleUrl(resource: AwsResource): string {
  const { partition, region } = parse(resource.arn);
  const base = `https://${region}.${CONSOLE_HOST[partition] ?? CONSOLE_HOST.aws}`;
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
