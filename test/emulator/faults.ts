import type { FaultEntry, FaultRule, ServiceName } from './types';

export interface RequestFacts {
  service: ServiceName;
  operation: string;
  region: string;
  resource?: string;
  tagKeys?: string[];
}

/** Fault rules, matched in the order they were added; the first rule that fires wins. */
export class FaultStore {
  private rules: FaultEntry[] = [];
  private nextId = 1;

  add(rule: FaultRule): string {
    if (rule.probability !== undefined && (rule.probability < 0 || rule.probability > 1)) {
      throw new Error('probability must be between 0 and 1');
    }
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
      throw new Error('times must be a positive integer');
    }
    if (rule.when !== undefined && rule.when !== 'before' && rule.when !== 'after') {
      throw new Error("when must be 'before' or 'after'");
    }
    const entry: FaultEntry = { ...rule, id: `fault-${this.nextId++}`, hits: 0 };
    this.rules.push(entry);
    return entry.id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultEntry[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The rule that applies to this request, if any; spends one of its `times`. */
  take(req: RequestFacts, random: () => number = Math.random): FaultEntry | undefined {
    for (const rule of this.rules) {
      if (!matches(rule, req)) continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      rule.hits++;
      if (rule.times !== undefined) {
        rule.times--;
        if (rule.times <= 0) this.remove(rule.id);
      }
      return { ...rule };
    }
    return undefined;
  }
}

function matches(rule: FaultRule, req: RequestFacts): boolean {
  if (rule.service && rule.service !== req.service) return false;
  if (rule.operation && rule.operation !== req.operation && rule.operation !== `${req.service}.${req.operation}`)
    return false;
  if (rule.region && rule.region !== req.region) return false;
  if (rule.resource && !(req.resource ?? '').includes(rule.resource)) return false;
  if (rule.tagKey && !(req.tagKeys ?? []).includes(rule.tagKey)) return false;
  return true;
}
