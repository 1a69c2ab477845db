/** The whole page: header (sync controls), progress, notices, the list and the detail pane. */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Contact } from '../../src/index.js';
import { contactEditorView, type EditorActions } from './contact-editor-view.js';
import { contactListView, type ListActions } from './contact-list-view.js';
import { conflictsView, type ConflictActions } from './conflicts-view.js';
import type { DemoState } from './demo-state.js';
import { STORAGE_FULL_SYNC_TEXT } from './error-text.js';
import { labelCounts } from './search-contacts.js';
import { conflictsButtonView, offlineSwitchView, progressView, syncBadgeView, type SyncActions } from './sync-badge-view.js';

/** Everything the page can do. */
export interface AppActions extends ListActions, EditorActions, ConflictActions, SyncActions {
  dismissNotice(): void;
}

/** What the controller adds to the state for one render. */
export interface ViewExtras {
  readonly byId: ReadonlyMap<string, Contact>;
  readonly confirmDelete: boolean;
}

function detailView(state: DemoState, extras: ViewExtras, actions: AppActions): TemplateResult {
  const route = state.route;
  if (route.screen === 'conflicts') return conflictsView(state.conflicts, extras.byId, actions);
  if (state.draft !== undefined && (route.screen === 'new' || route.screen === 'contact')) {
    const contact = state.draft.contactId === undefined ? undefined : extras.byId.get(state.draft.contactId);
    return contactEditorView({
      draft: state.draft, contact, flash: state.flash, confirmDelete: extras.confirmDelete,
      knownLabels: labelCounts(state.contacts).map(([k]) => k),
    }, actions);
  }
  if (route.screen === 'contact') return html`<p class="empty">Opening the contact…</p>`;
  return html`<div class="placeholder"><img src="/icon.svg" alt="" width="72" height="72" />
    <p>Select a contact, or add a new one.</p>
    <p class="muted small">Everything you change is saved on this device at once and synced in the background.</p></div>`;
}

function noticeView(state: DemoState, actions: AppActions): TemplateResult | typeof nothing {
  const n = state.notice;
  if (n !== undefined) {
    return html`<div class="notice notice-${n.tone}" role="alert" data-testid="notice" data-code=${n.code}>
      <span>${n.text}</span><button type="button" class="icon-button" aria-label="Dismiss" @click=${() => actions.dismissNotice()}>✕</button></div>`;
  }
  if (state.status.error?.code === 'STORAGE_FULL') {
    // The engine could not record what it synced: the device is out of space, not the network.
    return html`<div class="notice notice-error" role="alert" data-testid="notice" data-code="STORAGE_FULL">
      <span>${STORAGE_FULL_SYNC_TEXT}</span></div>`;
  }
  if (state.offline) {
    return html`<div class="notice notice-offline" role="status" data-testid="offline-notice">
      <span><strong>Offline mode.</strong> This tab’s sync is paused: nothing is sent or fetched. Your edits are saved on this device and sync when you switch Offline off.</span></div>`;
  }
  if (state.status.state === 'offline') {
    return html`<div class="notice notice-offline" role="status" data-testid="offline-notice">
      <span><strong>No network.</strong> Your edits are saved on this device and sync when the connection is back.</span></div>`;
  }
  return nothing;
}

/**
 * The page.
 *
 * @example
 * ```ts
 * render(appView(state, extras, actions), document.getElementById('app')!);
 * ```
 */
export function appView(state: DemoState, extras: ViewExtras, actions: AppActions): TemplateResult {
  const detail = state.route.screen !== 'list';
  const selectedId = state.route.screen === 'contact' ? state.route.contactId : undefined;
  return html`
    <div class="shell" data-screen=${detail ? 'detail' : 'list'} data-ready=${state.loaded ? 'true' : 'false'}>
      <header class="topbar">
        <div class="brand"><img src="/icon.svg" alt="" width="28" height="28" /><h1>Contacts</h1></div>
        <div class="sync-area">
          ${conflictsButtonView(state.conflicts.length, actions)}
          ${syncBadgeView(state.status, state.offline, state.now, state.syncRequested, actions)}
        </div>
        ${offlineSwitchView(state.offline, actions)}
      </header>
      ${progressView(state.status, state.contacts.length > 0)}
      ${noticeView(state, actions)}
      <main class="layout">
        <section class="list-pane" aria-label="Contact list">
          ${contactListView({ contacts: state.contacts, loaded: state.loaded, query: state.query, label: state.label, selectedId }, actions)}
        </section>
        <section class="detail-pane" aria-label="Details">${detailView(state, extras, actions)}</section>
      </main>
    </div>`;
}
