import { policyTagKeys, type PolicyUse } from './policies';
import type { ScopeServices } from './resourceStore';
import type { AwsResource } from './types';

/**
 * The tag keys each resource's policy uses in conditions, read once per resource and kept until a refresh, or read
 * again when `fresh` (a confirmation must not rely on a policy read minutes ago). Never rejects: a policy that cannot
 * be read is reported as such.
 */
export class PolicyCache {
  private readonly pending = new Map<string, Promise<PolicyUse>>();
  private readonly settled = new Map<string, PolicyUse>();

  constructor(
    private readonly services: ScopeServices,
    private readonly onRead: (arn: string) => void,
  ) {}

  use(resource: AwsResource, { fresh = false } = {}): Promise<PolicyUse> {
    let use = fresh ? undefined : this.pending.get(resource.arn);
    if (!use) {
      const read =
        resource.kind === 'secret'
          ? this.services.secrets.resourcePolicy(resource.arn)
          : this.services.kms.keyPolicy(resource.arn);
      use = read
        .then(
          (policy): PolicyUse => ({ keys: policyTagKeys(policy), text: policy }),
          (error: unknown): PolicyUse => ({ keys: undefined, error }),
        )
        .then((settled) => {
          this.settled.set(resource.arn, settled);
          return settled;
        });
      this.pending.set(resource.arn, use);
      void use.then(() => this.onRead(resource.arn));
    }
    return use;
  }

  known(arn: string): PolicyUse | undefined {
    return this.settled.get(arn);
  }

  clear(): void {
    this.pending.clear();
    this.settled.clear();
  }
}
