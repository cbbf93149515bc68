import type { ListingCache } from '../aws/listingCache';
import { saveListings } from './listingSaver';
import { PrincipalCache } from '../aws/access/principalCache';
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { RoleCredentialsCache } from '../aws/identityCenter';
import { credentialsProblem, errorCategory, errorName } from '../aws/errors';
import { findSsoSession, identityCenterLabel, identityCenterRegion } from '../aws/ssoSessions';
import { listProfiles, resolveRegion } from '../aws/profiles';
import type { ResourceFilter } from '../aws/resourceFilter';
import { RecentWrites } from '../aws/recentWrites';
import { ResourceStore } from '../aws/resourceStore';
import type { Logger, Scope } from '../aws/types';
import { readSettings, SECTION, type Settings } from './settings';
import { isKnownEndpoint } from '../aws/endpoints';
import { CallGate, GLOBAL_CALL_LIMIT } from '../aws/callGate';
import { enabledRegionsOrOwn } from './enabledRegions';

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
      /** For an Identity Center scope: the session to sign in to (`aws sso login --sso-session NAME`). */
      readonly ssoSession?: string;
    };

/** Where a scope's credentials come from: a profile (or the default chain), or an Identity Center account and role. */
export type ScopeSource = Pick<Scope, 'profile' | 'identityCenter'>;

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
  /** Every scope's calls, from every build, share one bound: a rebuild while the last one loads adds no second. */
  readonly gate = new CallGate(GLOBAL_CALL_LIMIT);

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

  /**
   * The endpoint a command may send a new call to (the Identity Center portal, which gets the sign-in token), or
   * `unconfirmed` when the workspace's settings name one the user has not allowed.
   */
  endpointForCalls(): { endpointUrl?: string; unconfirmed?: string } {
    const settings = readSettings();
    const unconfirmed = this.unconfirmedEndpoint(settings);
    return unconfirmed ? { unconfirmed } : { endpointUrl: settings.endpointUrl };
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
    // Identity Center accounts take the place of the default chain, which is only ever shown on its own.
    const identityCenter = settings.identityCenterAccounts;
    const profiles =
      settings.profiles.length > 0
        ? settings.profiles
        : settings.profile || identityCenter.length === 0
          ? [settings.profile]
          : [];
    const ssoProfiles = new Set(
      (await listProfiles().catch(() => [])).filter((p) => p.source === 'SSO').map((p) => p.name),
    );
    // One endpoint for every connection: checked once per build.
    const unconfirmed = this.unconfirmedEndpoint(settings);
    const sources: ScopeSource[] = [
      ...profiles.map((profile) => ({ profile })),
      ...identityCenter.map((ic) => ({ profile: identityCenterLabel(ic), identityCenter: ic })),
    ];
    const roleCredentials: RoleCredentialsCache = new Map();
    const built = await Promise.all(
      sources.map((source) =>
        this.regionsOf(settings, source, unconfirmed, roleCredentials).then((regions) =>
          regions.map((region) => this.open(settings, { source, region, roleCredentials }, ssoProfiles, unconfirmed)),
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
    source: ScopeSource,
    unconfirmedEndpoint: string | undefined,
    roleCredentials: RoleCredentialsCache,
  ): Promise<Array<string | undefined>> {
    const own = async () => {
      if (!source.identityCenter) return resolveRegion(settings.region, source.profile).catch(() => undefined);
      const session = await findSsoSession(source.identityCenter.session).catch(() => undefined);
      return identityCenterRegion(settings.region, session);
    };
    if (settings.allEnabledRegions && !unconfirmedEndpoint) {
      return enabledRegionsOrOwn(settings, source, await own(), { logger: this.logger, roleCredentials });
    }
    if (settings.regions.length > 0) return [...settings.regions];
    return [await own()];
  }

  private async open(
    settings: Settings,
    {
      source,
      region,
      roleCredentials,
    }: { source: ScopeSource; region?: string; roleCredentials: RoleCredentialsCache },
    sso: Set<string>,
    unconfirmedEndpoint: string | undefined,
  ): Promise<{ entry: Connection; clients?: AwsClients }> {
    const { profile } = source;
    if (!region)
      return {
        entry: { scope: { ...source, region: '' }, problem: { kind: 'noRegion', profile } as ConnectionProblem },
      };
    const scope: Scope = { ...source, region };
    if (unconfirmedEndpoint) {
      return { entry: { scope, problem: { kind: 'endpointUnconfirmed', profile, endpoint: unconfirmedEndpoint } } };
    }
    const { openScope } = await import('../aws/openScope.js');
    const { clients, services } = openScope(scope, {
      endpointUrl: settings.endpointUrl,
      logger: this.logger,
      gate: this.gate,
      roleCredentials,
    });
    try {
      await clients.checkCredentials();
    } catch (error) {
      clients.destroy();
      return { entry: { scope, problem: this.credentialsProblem(source, error, sso) } };
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

  private credentialsProblem(source: ScopeSource, error: unknown, ssoProfiles: Set<string>): ConnectionProblem {
    const { profile, identityCenter } = source;
    if (identityCenter) {
      // Only our own sign-in error and the portal's refusal mean signing in again; a network failure or a role no
      // longer assigned does not.
      this.logger.warn(`No usable credentials for Identity Center ${profile}: ${errorName(error)}`);
      const sso = errorCategory(error) === 'credentials';
      return { kind: 'noCredentials', profile, error, sso, ...(sso ? { ssoSession: identityCenter.session } : {}) };
    }
    this.logger.warn(
      `No usable credentials for profile ${profile ?? '(default chain)'}: ${credentialsProblem(profile, error)}`,
    );
    const sso = profile !== undefined && ssoProfiles.has(profile) && errorCategory(error) !== 'network';
    return { kind: 'noCredentials', profile, error, sso };
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
