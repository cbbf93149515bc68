// IAM's answer shapes, as plain values for toXml (query.ts).
import type { ManagedPolicy } from './iam-managed';
import type { IamEntity, IamState } from './iam-state';
import type { XmlValue } from './query';

/**
 * IAM returns every policy document URL-encoded (RFC 3986). encodeURIComponent leaves `!'()*` as they are, which
 * RFC 3986 reserves, so those are encoded too; spaces become %20, never `+`.
 */
export const encodePolicy = (doc: string): string =>
  encodeURIComponent(doc).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** ISO 8601 in seconds, `2014-07-30T17:09:20Z`, as IAM writes its dates. */
export const isoDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const tags = (e: IamEntity): XmlValue => e.tags.map((t) => ({ Key: t.Key, Value: t.Value }));

// The boundary type's model enum says `PermissionsBoundaryPolicy`, but IAM answers `Policy` (the API reference's
// prose, and the AWS CLI's own get-user example output): send what IAM sends.
const boundary = (e: IamEntity): XmlValue =>
  e.boundary === undefined ? undefined : { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: e.boundary };

const attached = (iam: IamState, e: IamEntity): XmlValue =>
  e.attached.map((arn) => ({ PolicyName: iam.policy(arn).name, PolicyArn: arn }));

const inline = (e: IamEntity): XmlValue =>
  [...e.inlinePolicies].map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encodePolicy(doc) }));

const identity = (e: IamEntity, noun: 'User' | 'Group' | 'Role'): Record<string, XmlValue> => ({
  Path: e.path,
  [`${noun}Name`]: e.name,
  [`${noun}Id`]: e.id,
  Arn: e.arn,
  CreateDate: isoDate(e.createdMs),
});

/** `full`: GetRole and CreateRole; listings leave out tags and the boundary, as ListRoles documents. */
export const roleShape = (e: IamEntity, full: boolean): XmlValue => ({
  ...identity(e, 'Role'),
  AssumeRolePolicyDocument: encodePolicy(e.trustPolicy ?? ''),
  Description: e.description,
  MaxSessionDuration: 3600,
  PermissionsBoundary: full ? boundary(e) : undefined,
  Tags: full && e.tags.length ? tags(e) : undefined,
});

export const userShape = (e: IamEntity): XmlValue => ({
  ...identity(e, 'User'),
  PermissionsBoundary: boundary(e),
  Tags: e.tags.length ? tags(e) : undefined,
});

export const groupShape = (e: IamEntity): XmlValue => identity(e, 'Group');

export const policyShape = (iam: IamState, p: ManagedPolicy): Record<string, XmlValue> => ({
  PolicyName: p.name,
  PolicyId: p.id,
  Arn: p.arn,
  Path: p.path,
  DefaultVersionId: p.versionId,
  AttachmentCount: iam.attachmentCount(p.arn),
  PermissionsBoundaryUsageCount: iam.boundaryUsageCount(p.arn),
  IsAttachable: true,
  Description: p.description,
  CreateDate: isoDate(p.createdMs),
  UpdateDate: isoDate(p.updatedMs),
});

// GetAccountAuthorizationDetails' entries.

export const userDetail = (iam: IamState, e: IamEntity): XmlValue => ({
  ...identity(e, 'User'),
  UserPolicyList: inline(e),
  GroupList: [...e.groups],
  AttachedManagedPolicies: attached(iam, e),
  PermissionsBoundary: boundary(e),
  Tags: tags(e),
});

export const groupDetail = (iam: IamState, e: IamEntity): XmlValue => ({
  ...identity(e, 'Group'),
  GroupPolicyList: inline(e),
  AttachedManagedPolicies: attached(iam, e),
});

export const roleDetail = (iam: IamState, e: IamEntity): XmlValue => ({
  ...identity(e, 'Role'),
  AssumeRolePolicyDocument: encodePolicy(e.trustPolicy ?? ''),
  InstanceProfileList: [],
  RolePolicyList: inline(e),
  AttachedManagedPolicies: attached(iam, e),
  PermissionsBoundary: boundary(e),
  Tags: tags(e),
});

export const policyDetail = (iam: IamState, p: ManagedPolicy): XmlValue => ({
  ...policyShape(iam, p),
  PolicyVersionList: [
    {
      Document: encodePolicy(p.document),
      VersionId: p.versionId,
      IsDefaultVersion: true,
      CreateDate: isoDate(p.updatedMs),
    },
  ],
});
