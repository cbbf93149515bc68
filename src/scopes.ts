import * as vscode from 'vscode';
import { createClients, type AwsClients } from './aws/clients';
import { KmsService } from './aws/kms';
import { resolveRegion } from './aws/profiles';
import type { ResourceFilter } from './aws/resourceFilter';
import { ScopeStore } from './aws/scopeStore';
import { SecretsService } from './aws/secrets';
import type { Logger } from './aws/types';
import { readSettings, type Settings } from './settings';

export type ScopeProblem =
  | { readonly kind: 'noRegion' }
  | { readonly kind: 'noCredentials'; readonly error: unknown };

/**
 * Owns the clients and stores of the profile/region pairs being shown. Rebuilt when settings change or the
 * user refreshes credentials, so a new login works without reloading the window.
 */
export class Scopes implements vscode.Disposable {
  private entries: Array<{ store: ScopeStore; clients: AwsClients }> = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  problem: ScopeProblem | undefined;
  settings: Settings = readSettings();
  private building: Promise<void> | undefined;
  private generation = 0;
  filter: ResourceFilter | undefined;

  constructor(private readonly logger: Logger) {}

  get stores(): ScopeStore[] {
    return this.entries.map((e) => e.store);
  }

  /** Waits for the current build; builds once if nothing was built yet. */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  rebuild(): Promise<void> {
    const build = this.build();
    this.building = build;
    return build;
  }

  /** One filter for every profile and region shown. */
  setFilter(filter: ResourceFilter | undefined): void {
    this.filter = filter;
    for (const store of this.stores) store.setFilter(filter);
    void vscode.commands.executeCommand('setContext', 'awsTags.filtered', filter !== undefined);
    this.changed.fire();
  }

  storeOf(arn: string): ScopeStore | undefined {
    return this.stores.find((store) => store.find(arn));
  }

  private async build(): Promise<void> {
    // Settings events and Refresh can start builds that overlap: only the newest one may install its result.
    const generation = ++this.generation;
    const settings = readSettings();
    const { profile, endpointUrl } = settings;
    const entries: Array<{ store: ScopeStore; clients: AwsClients }> = [];
    let problem: ScopeProblem | undefined;
    const region = await resolveRegion(settings.region, profile).catch(() => undefined);
    if (!region) {
      problem = { kind: 'noRegion' };
    } else {
      const scope = { profile, region };
      const clients = createClients(scope, { endpointUrl, logger: this.logger });
      try {
        await clients.checkCredentials();
        const services = { secrets: new SecretsService(clients.secrets, region), kms: new KmsService(clients.kms, region) };
        const store = new ScopeStore(scope, services, {
          includePlannedDeletion: settings.showSecretsPlannedForDeletion,
          skipAwsManagedKeyDetails: !settings.showAwsManagedKeys,
        });
        store.setFilter(this.filter);
        entries.push({ store, clients });
      } catch (error) {
        clients.destroy();
        problem = { kind: 'noCredentials', error };
        this.logger.warn(`No usable credentials for profile ${profile ?? '(default chain)'}: ${(error as Error).message}`);
      }
    }
    if (generation !== this.generation) {
      for (const entry of entries) entry.clients.destroy();
      return;
    }
    for (const entry of this.entries) entry.clients.destroy();
    this.entries = entries;
    this.settings = settings;
    this.problem = problem;
    await vscode.commands.executeCommand('setContext', 'awsTags.noCredentials', problem?.kind === 'noCredentials');
    this.changed.fire();
  }

  dispose(): void {
    for (const entry of this.entries) entry.clients.destroy();
    this.changed.dispose();
  }
}
