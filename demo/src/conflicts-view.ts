/**
 * The conflicts panel: for each recorded conflict, the value before both edits (base), this
 * device's (mine) and the server's (theirs) side by side, which one the merge kept, and the
 * two ways out: "Keep mine" and "Take theirs" (which also undoes the merge's choice).
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import type { Conflict, Contact } from '../../src/index.js';
import { displayName, fieldLabel, formatValue } from './contact-format.js';

/** What the panel does. */
export interface ConflictActions {
  resolve(conflictId: string, choice: 'local' | 'remote'): void;
  open(contactId: string): void;
  close(): void;
}

function kindText(c: Conflict): string {
  switch (c.kind) {
    case 'field': return 'Changed on both sides';
    case 'delete': return 'Deleted on one side, edited on the other';
    case 'duplicate': return 'The server already has a contact with this email or phone';
    case 'rejected': return `The server refused this change${c.code === undefined ? '' : ` (${c.code})`}`;
  }
}

function column(title: string, hint: string, value: unknown, kept: boolean, side: string): TemplateResult {
  return html`<div class="side side-${side} ${kept ? 'is-kept' : ''}" data-side=${side}>
    <div class="side-head"><span class="side-title">${title}</span>${kept ? html`<span class="kept">kept</span>` : nothing}</div>
    <div class="side-hint">${hint}</div>
    <div class="side-value" data-testid=${`conflict-${side}`}>${formatValue(value)}</div>
  </div>`;
}

function conflictCard(c: Conflict, contact: Contact | undefined, actions: ConflictActions): TemplateResult {
  const who = contact === undefined ? c.contactId : displayName(contact.info);
  return html`<article class="conflict-card" data-testid="conflict" data-conflict-id=${c.id} data-kind=${c.kind} data-path=${c.path ?? ''}>
    <header class="conflict-head">
      <div>
        <button type="button" class="link-button conflict-contact" @click=${() => actions.open(c.contactId)}>${who}</button>
        <div class="conflict-field">${fieldLabel(c.path)} · <span class="muted">${kindText(c)}</span></div>
      </div>
      <time class="muted small" datetime=${c.createdAt.toISOString()}>${c.createdAt.toLocaleTimeString()}</time>
    </header>
    <div class="sides">
      ${column('Base', 'before both edits', c.base, false, 'base')}
      ${column('Mine', 'this device', c.local, c.chosen === 'local', 'local')}
      ${column('Theirs', 'the server', c.remote, c.chosen === 'remote', 'remote')}
    </div>
    <div class="conflict-actions">
      <button type="button" class="button button-secondary" data-testid="keep-mine" @click=${() => actions.resolve(c.id, 'local')}>Keep mine</button>
      <button type="button" class="button button-primary" data-testid="take-theirs" @click=${() => actions.resolve(c.id, 'remote')}>Take theirs</button>
    </div>
  </article>`;
}

/**
 * The panel.
 *
 * @example
 * ```ts
 * render(conflictsView(conflicts, byId, actions), element);
 * ```
 */
export function conflictsView(conflicts: readonly Conflict[], contacts: ReadonlyMap<string, Contact>, actions: ConflictActions): TemplateResult {
  return html`<section class="conflicts" data-testid="conflicts-panel" aria-labelledby="conflicts-title">
    <header class="editor-head">
      <button type="button" class="icon-button back" aria-label="Back to the list" @click=${() => actions.close()}>←</button>
      <div class="editor-title"><h2 id="conflicts-title">Conflicts</h2>
        <p class="muted small">This device and the server changed the same thing. Your edit was kept; “Take theirs” switches to the server’s value on every device.</p></div>
    </header>
    ${conflicts.length === 0
      ? html`<p class="empty">No conflicts. Edits made on different fields merge on their own.</p>`
      : repeat(conflicts, (c) => c.id, (c) => conflictCard(c, contacts.get(c.contactId), actions))}
  </section>`;
}
