/**
 * The header's sync controls: the badge (state, pending edits, last sync; a click syncs now),
 * the conflicts button and the offline switch.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { SyncStatus } from '../../src/index.js';
import { relativeTime } from './contact-format.js';

/** What the header controls do. */
export interface SyncActions {
  syncNow(): void;
  setOffline(offline: boolean): void;
  openConflicts(): void;
}

/** The words for a state (the offline switch shows as "Offline mode"). */
export function stateLabel(status: SyncStatus, offlineSwitch: boolean): string {
  switch (status.state) {
    case 'idle': return status.pending > 0 ? 'Waiting to sync' : 'Synced';
    case 'syncing': return 'Syncing…';
    case 'offline': return 'Offline';
    case 'paused': return offlineSwitch ? 'Offline mode' : 'Paused';
    case 'error': return 'Sync problem · retrying';
    case 'auth-required': return 'Sign-in needed';
  }
}

function lastSync(status: SyncStatus, now: number): string {
  return status.lastSyncedAt === undefined ? 'never synced' : `synced ${relativeTime(status.lastSyncedAt, now)}`;
}

/**
 * The badge. `data-state` and `data-pending` carry the raw values for scripts and tests.
 */
export function syncBadgeView(status: SyncStatus, offline: boolean, now: number, busy: boolean, actions: SyncActions): TemplateResult {
  const error = status.error === undefined ? '' : ` (${status.error.code}: ${status.error.message})`;
  return html`
    <button type="button" class="badge badge-${status.state} ${busy ? 'is-busy' : ''}" data-testid="sync-badge"
      data-state=${status.state} data-pending=${String(status.pending)}
      title=${`Sync now${error}`} aria-label=${`${stateLabel(status, offline)}, ${status.pending} pending. Sync now`}
      @click=${() => actions.syncNow()}>
      <span class="badge-dot" aria-hidden="true"></span>
      <span class="badge-text">
        <span class="badge-state">${stateLabel(status, offline)}</span>
        <span class="badge-sub"><span data-testid="pending-count">${status.pending}</span> pending<span class="badge-last"> · ${lastSync(status, now)}</span></span>
      </span>
    </button>`;
}

/** The conflicts button, shown while there are conflicts. */
export function conflictsButtonView(count: number, actions: SyncActions): TemplateResult | typeof nothing {
  if (count === 0) return nothing;
  return html`<button type="button" class="conflicts-button" data-testid="conflicts-button" @click=${() => actions.openConflicts()}>
    <span aria-hidden="true">⚠</span> ${count} conflict${count === 1 ? '' : 's'}</button>`;
}

/** The offline switch: pauses this tab's sync engine (`client.sync.pause()` / `resume()`). */
export function offlineSwitchView(offline: boolean, actions: SyncActions): TemplateResult {
  return html`
    <label class="switch" title="Work offline: pauses this tab's sync (nothing is sent or fetched). Edits stay on this device and sync when you switch back.">
      <input type="checkbox" role="switch" data-testid="offline-switch" .checked=${offline}
        @change=${(e: Event) => actions.setOffline((e.target as HTMLInputElement).checked)} />
      <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
      <span class="switch-label">Offline</span>
    </label>`;
}

/** The first pull's progress: a bar with numbers when the server says how many, else a moving bar. */
export function progressView(status: SyncStatus, hasContacts: boolean): TemplateResult | typeof nothing {
  const p = status.progress;
  if (p !== undefined) {
    const pct = p.total !== undefined && p.total > 0 ? Math.min(100, Math.round((p.pulled / p.total) * 100)) : undefined;
    return html`<div class="progress" data-testid="pull-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${pct ?? nothing}>
      <div class="progress-bar ${pct === undefined ? 'indeterminate' : ''}" style=${pct === undefined ? '' : `width:${pct}%`}></div>
      <span class="progress-text">Downloading contacts: ${p.pulled}${p.total === undefined ? '' : ` of ${p.total}`}</span></div>`;
  }
  if (status.state === 'syncing' && status.lastSyncedAt === undefined && !hasContacts) {
    return html`<div class="progress" data-testid="pull-progress" role="progressbar">
      <div class="progress-bar indeterminate"></div><span class="progress-text">Downloading your contacts…</span></div>`;
  }
  return nothing;
}
