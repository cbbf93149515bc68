import type { ListingCache } from '../aws/listingCache';
import { saveListings } from './listingSaver';
import { PrincipalCache } from '../aws/access/principalCache';
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { credentialsProblem, errorCategory, errorName } from '../aws/errors';
import { listProfiles, resolveRegion } from '../aws/profiles';
import type { ResourceFilter } from '../aws/resourceFilter';
import { RecentWrites } from '../aws/recentWrites';
import { ResourceStore } from '../aws/resourceStore';
import type { Logger, Scope } from '../aws/types';
import { readSettings, SECTION, type Settings } from './settings';
import { isKnownEndpoint } from '../aws/endpoints';
import { notify } from '../commands/messages';

const ALLOWED_ENDPOINT_KEY = 'awsTags.allowedWorkspaceEndpoint';

export type ConnectionProblem =
  | { readonly kind: 'noRegion'; readonly profile: string | undefined }
  /** The workspace's settings name an endpoint that is neither this machine nor AWS's, not confirmed yet. */
  | { readonly kind: 'endpointUnconfirmed'; readonly profile: string | undefined; readonly endpoint: string }
  | {
      readonly kind: 'noCredentials';
      readonly profile: string | undefined;
      readonly error: unknown;
      readonly sso: boolean;
    };

/** One profile/region pair: a store when its credentials work, a problem when they do not. */
export interface Connection {
  readonly scope: Scope;
  readonly store?: ResourceStore;
  readonly problem?: ConnectionProblem;
  accountId?: string;
}

/**
 * Owns the clients and stores of the profile/region pairs being shown. Rebuilt when settings change or the
 * user refreshes credentials, so a new login works without reloading the window.
 */
export class Connections implements vscode.Disposable {
  private current: Connection[] = [];
  private clients: AwsClients[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly accountsChanged = new vscode.EventEmitter<void>();
  /** Fires when the set of scopes or the filter changes: the tree starts over. */
  readonly onDidChange = this.changed.event;
  /** Fires when an account ID has arrived: only the scope labels change. */
  readonly onDidChangeAccount = this.accountsChanged.event;
  settings: Settings = readSettings();
  filter: ResourceFilter | undefined;
  private building: Promise<void> | undefined;
  private generation = 0;
  private readonly recentWrites = new RecentWrites();
  /** Each account's IAM principals for access impact; read again after a full refresh. */
  readonly principals = new PrincipalCache();

  constructor(
    private readonly logger: Logger,
    /** Where an endpoint from workspace settings, once confirmed, is remembered for that workspace. */
    private readonly workspaceState: vscode.Memento,
    /** The last listing of each profile/region, shown at once on the next start until a fresh one replaces it. */
    private readonly listings?: ListingCache,
  ) {}

  /** Forgets every cached listing (Refresh All, Clear Cached Listings). */
  async clearListings(): Promise<void> {
    await this.listings?.clear();
  }

  /** Remembers that the user allowed this endpoint from the workspace's settings, then lists again. */
  async allowWorkspaceEndpoint(endpoint: string): Promise<void> {
    await this.workspaceState.update(ALLOWED_ENDPOINT_KEY, endpoint);
    await this.rebuild();
  }

  /**
   * The endpoint that the workspace's own settings choose, when it is neither loopback nor an AWS domain and was not
   * confirmed for this workspace: no request goes there before the user says so.
   */
  private unconfirmedEndpoint(settings: Settings): string | undefined {
    const url = settings.endpointUrl;
    if (!url || isKnownEndpoint(url)) return undefined;
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('endpointUrl');
    const fromWorkspace = [inspected?.workspaceFolderValue, inspected?.workspaceValue].some((v) => v?.trim() === url);
    if (!fromWorkspace || this.workspaceState.get<string>(ALLOWED_ENDPOINT_KEY) === url) return undefined;
    return url;
  }

  get entries(): readonly Connection[] {
    return this.current;
  }

  get stores(): ResourceStore[] {
    return this.current.flatMap((e) => (e.store ? [e.store] : []));
  }

  /**
   * The store now shown for a profile/region. A write's result goes there: a Refresh during the call has
   * replaced the store the write started from.
   */
  storeOf(scope: Scope): ResourceStore | undefined {
    return this.stores.find((s) => s.scope.profile === scope.profile && s.scope.region === scope.region);
  }

  /** Waits for the current build; builds once if nothing was built yet. */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  rebuild(): Promise<void> {
    this.principals.clear();
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

  private async build(): Promise<void> {
    // Settings events and Refresh can start builds that overlap: only the newest one may install its result.
    const generation = ++this.generation;
    const settings = readSettings();
    if (!settings.cacheListings) void this.clearListings();
    const profiles = settings.profiles.length > 0 ? settings.profiles : [settings.profile];
    const ssoProfiles = new Set(
      (await listProfiles().catch(() => [])).filter((p) => p.source === 'SSO').map((p) => p.name),
    );
    // One endpoint for every connection: checked once per build.
    const unconfirmed = this.unconfirmedEndpoint(settings);
    const built = await Promise.all(
      profiles.flatMap((profile) =>
        this.regionsOf(settings, profile, unconfirmed).then((regions) =>
          regions.map((region) => this.open(settings, profile, region, ssoProfiles, unconfirmed)),
        ),
      ),
    );
    const opened = await Promise.all(built.flat());
    if (generation !== this.generation) {
      for (const o of opened) o.clients?.destroy();
      return;
    }
    for (const store of this.stores) store.dispose();
    for (const c of this.clients) c.destroy();
    this.clients = opened.flatMap((o) => (o.clients ? [o.clients] : []));
    this.current = opened.map((o) => o.entry);
    // The filter may have changed while credentials were checked: each store gets the one in force now.
    for (const store of this.stores) store.setFilter(this.filter);
    this.settings = settings;
    for (const o of opened) if (o.clients && o.entry.store) void this.readAccount(o.entry, o.clients, generation);
    const noCredentials =
      this.current.length === 1 && this.current[0].problem?.kind === 'noCredentials' && !this.current[0].problem.sso;
    await vscode.commands.executeCommand('setContext', 'awsTags.noCredentials', noCredentials);
    this.changed.fire();
  }

  private async regionsOf(
    settings: Settings,
    profile: string | undefined,
    unconfirmedEndpoint: string | undefined,
  ): Promise<Array<string | undefined>> {
    const own = () => resolveRegion(settings.region, profile).catch(() => undefined);
    if (settings.allEnabledRegions && !unconfirmedEndpoint) return this.enabledRegions(settings, profile, await own());
    if (settings.regions.length > 0) return [...settings.regions];
    return [await own()];
  }

  /** The account's enabled Regions; on any failure the profile's own Region, with the reason shown, never nothing. */
  private async enabledRegions(
    settings: Settings,
    profile: string | undefined,
    own: string | undefined,
  ): Promise<Array<string | undefined>> {
    try {
      const { enabledRegionsOf } = await import('../aws/openScope.js');
      // Account Management is global: any Region makes its client, the profile's if it has one.
      const scope = { profile, region: own ?? 'us-east-1' };
      const regions = await enabledRegionsOf(scope, { endpointUrl: settings.endpointUrl, logger: this.logger });
      if (regions.length > 0) return regions;
      throw new Error('ListRegions named no enabled Region');
    } catch (error) {
      const who = profile ?? vscode.l10n.t('(default chain)');
      const reason =
        errorCategory(error) === 'accessDenied'
          ? vscode.l10n.t('{0}: account:ListRegions is not allowed', errorName(error))
          : errorName(error);
      this.logger.warn(
        `All enabled regions: ListRegions failed for profile ${who} (${reason}); showing its own region.`,
      );
      void notify(
        'warning',
        vscode.l10n.t(
          'Could not list the enabled regions of profile {0} ({1}): showing its own region, {2}.',
          who,
          reason,
          own ?? vscode.l10n.t('none set'),
        ),
      );
      return [own];
    }
  }

  private async open(
    settings: Settings,
    profile: string | undefined,
    region: string | undefined,
    sso: Set<string>,
    unconfirmedEndpoint: string | undefined,
  ): Promise<{ entry: Connection; clients?: AwsClients }> {
    if (!region)
      return { entry: { scope: { profile, region: '' }, problem: { kind: 'noRegion', profile } as ConnectionProblem } };
    const scope = { profile, region };
    if (unconfirmedEndpoint) {
      return { entry: { scope, problem: { kind: 'endpointUnconfirmed', profile, endpoint: unconfirmedEndpoint } } };
    }
    const { openScope } = await import('../aws/openScope.js');
    const { clients, services } = openScope(scope, { endpointUrl: settings.endpointUrl, logger: this.logger });
    try {
      await clients.checkCredentials();
    } catch (error) {
      clients.destroy();
      this.logger.warn(
        `No usable credentials for profile ${profile ?? '(default chain)'}: ${credentialsProblem(profile, error)}`,
      );
      const isSso = profile !== undefined && sso.has(profile) && errorCategory(error) !== 'network';
      return { entry: { scope, problem: { kind: 'noCredentials', profile, error, sso: isSso } as ConnectionProblem } };
    }
    const store = new ResourceStore(
      scope,
      services,
      {
        includePlannedDeletion: settings.showSecretsPlannedForDeletion,
        skipAwsManagedKeyDetails: !settings.showAwsManagedKeys,
      },
      this.recentWrites,
    );
    store.setFilter(this.filter);
    const entry = { scope, store } as Connection;
    if (this.listings && settings.cacheListings) {
      const variant = {
        endpoint: settings.endpointUrl,
        includePlannedDeletion: settings.showSecretsPlannedForDeletion,
        awsManagedKeys: settings.showAwsManagedKeys,
      };
      const cached = await this.listings.read(scope, variant);
      if (cached) {
        store.showCached(cached);
        entry.accountId = cached.accountId;
      }
      saveListings(store, this.listings, variant, () => entry.accountId, this.logger);
    }
    return { entry, clients };
  }

  /** In the background: an endpoint that is down must not hold up the tree, which shows its own error. */
  private async readAccount(entry: Connection, clients: AwsClients, generation: number): Promise<void> {
    try {
      entry.accountId = await clients.accountId();
      if (generation === this.generation) this.accountsChanged.fire();
    } catch (error) {
      this.logger.warn(
        `Could not read the account ID of ${entry.scope.profile ?? 'default'} ${entry.scope.region}: ${(error as Error).name}`,
      );
    }
  }

  dispose(): void {
    for (const c of this.clients) c.destroy();
    this.changed.dispose();
    this.accountsChanged.dispose();
  }
}
