/**
 * The demo's controller: it subscribes to the library's live views (every contact, the sync
 * status, the conflicts), keeps the state, turns clicks into library calls and renders.
 *
 *   live query ─┐
 *   status$ ────┼─▶ AppStore ─▶ appView ─▶ DOM ─▶ actions ─▶ ContactsClient ─▶ (live views)
 *   conflicts$ ─┘
 */
import { render } from 'lit-html';
import type { Subscription } from 'rxjs';
import type { Contact, ContactsClient } from '../../src/index.js';
import { AppStore } from './app-store.js';
import { appView, type AppActions } from './app-view.js';
import { EditorController } from './editor-controller.js';
import { initialState, type DemoState } from './demo-state.js';
import { errorText } from './error-text.js';
import { parseRoute, routeHash, type Route } from './route.js';

/** The live list covers this many contacts (the library's largest query page). */
export const LIST_LIMIT = 1000;
const OFFLINE_KEY = 'offline-contacts-demo:offline';
const TICK_MS = 15_000;

/** The running demo. */
export class DemoApp {
  readonly store: AppStore<DemoState>;
  private readonly subscriptions: Subscription[] = [];
  private readonly byId = new Map<string, Contact>();
  private readonly editor: EditorController;
  private renderQueued = false;
  private tick: ReturnType<typeof setInterval> | undefined;

  constructor(readonly client: ContactsClient, private readonly root: HTMLElement) {
    let offline = false;
    try {
      offline = sessionStorage.getItem(OFFLINE_KEY) === '1';
    } catch { /* storage blocked: the switch starts off */ }
    this.store = new AppStore(initialState(parseRoute(location.hash), offline, Date.now()));
    this.editor = new EditorController(client, this.store, this.byId, (route) => this.navigate(route, true));
  }

  /** Subscribes to the library and starts rendering. */
  start(): void {
    if (this.store.value.offline) this.client.sync.pause();
    // lit-html renders after existing children: drop the "opening" placeholder first.
    this.root.replaceChildren();
    this.store.subscribe(() => this.scheduleRender());
    this.subscriptions.push(
      this.client.queryContacts().limit(LIST_LIMIT).observe().subscribe({
        next: (contacts) => this.onContacts(contacts),
        error: (e: unknown) => this.showError(e),
      }),
      this.client.sync.status$.subscribe((status) => this.store.update({ status })),
      this.client.conflicts$.subscribe((conflicts) => this.store.update({ conflicts })),
    );
    window.addEventListener('hashchange', () => this.onRoute(parseRoute(location.hash)));
    this.tick = setInterval(() => this.store.update({ now: Date.now() }), TICK_MS);
    this.onRoute(this.store.value.route);
    this.scheduleRender();
  }

  /** Stops everything (tests, logout). */
  async stop(): Promise<void> {
    clearInterval(this.tick);
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    await this.client.close();
  }

  private onContacts(contacts: Contact[]): void {
    this.byId.clear();
    for (const c of contacts) this.byId.set(c._id, c);
    this.store.update({ contacts, loaded: true });
    this.editor.contactsChanged();
  }

  private onRoute(route: Route): void {
    this.store.update({ route });
    this.editor.routeChanged(route);
  }

  private navigate(route: Route, replace = false): void {
    const hash = routeHash(route);
    if (location.hash !== hash) {
      if (replace) history.replaceState(null, '', hash);
      else history.pushState(null, '', hash);
    }
    this.onRoute(route);
  }

  private showError(e: unknown): void {
    const t = errorText(e);
    this.store.update({ notice: { code: t.code, text: t.text, tone: 'error' } });
  }

  private scheduleRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    // A microtask, not requestAnimationFrame: background tabs must stay current too.
    queueMicrotask(() => {
      this.renderQueued = false;
      render(appView(this.store.value, { byId: this.byId, confirmDelete: this.editor.confirmDelete }, this.actions), this.root);
    });
  }

  private readonly actions: AppActions = {
    search: (query) => this.store.update({ query }),
    filterLabel: (label) => this.store.update({ label }),
    open: (contactId) => this.navigate({ screen: 'contact', contactId }),
    create: () => this.navigate({ screen: 'new' }),
    openConflicts: () => this.navigate({ screen: 'conflicts' }),
    close: () => this.navigate({ screen: 'list' }),
    changed: () => this.editor.changed(),
    save: (allowDuplicates) => { void this.editor.save(allowDuplicates); },
    remove: () => { void this.editor.remove(); },
    resolve: (conflictId, choice) => {
      this.client.resolveConflict(conflictId, choice).catch((e: unknown) => this.showError(e));
    },
    dismissNotice: () => this.store.update({ notice: undefined }),
    syncNow: () => { void this.syncNow(); },
    setOffline: (offline) => this.setOffline(offline),
  };

  private async syncNow(): Promise<void> {
    if (this.store.value.offline) {
      this.store.update({ notice: { code: 'OFFLINE_MODE', text: 'Offline mode is on: switch it off to sync.', tone: 'info' } });
      return;
    }
    this.store.update({ syncRequested: true });
    try {
      await this.client.sync.syncNow();
    } catch (e) {
      this.showError(e);
    } finally {
      this.store.update({ syncRequested: false });
    }
  }

  private setOffline(offline: boolean): void {
    try {
      if (offline) sessionStorage.setItem(OFFLINE_KEY, '1');
      else sessionStorage.removeItem(OFFLINE_KEY);
    } catch { /* not remembered across reloads */ }
    if (offline) this.client.sync.pause();
    else this.client.sync.resume();
    this.store.update({ offline, notice: undefined });
  }
}
