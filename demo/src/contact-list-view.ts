/** The list pane: search box, label chips, the matching contacts, and "new contact". */
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { repeat } from 'lit-html/directives/repeat.js';
import type { Contact } from '../../src/index.js';
import { avatarHue, displayName, initials, labelName, primaryEmail, primaryPhone } from './contact-format.js';
import { labelCounts, searchContacts } from './search-contacts.js';

/** What the list does. */
export interface ListActions {
  search(query: string): void;
  filterLabel(label: string | undefined): void;
  open(contactId: string): void;
  create(): void;
}

/** What the list shows. */
export interface ListModel {
  readonly contacts: readonly Contact[];
  readonly loaded: boolean;
  readonly query: string;
  readonly label: string | undefined;
  readonly selectedId: string | undefined;
}

/** Rows drawn at most; a search narrows the rest down. */
export const MAX_ROWS = 300;

/** A contact's avatar. */
export function avatarView(contact: Pick<Contact, '_id' | 'info'>, size: 'sm' | 'lg' = 'sm'): TemplateResult {
  return html`<span class="avatar avatar-${size}" aria-hidden="true" style=${`--hue:${avatarHue(contact._id)}`}>${initials(contact.info)}</span>`;
}

function rowView(c: Contact, selected: boolean, actions: ListActions): TemplateResult {
  const sub = [primaryEmail(c), primaryPhone(c)].filter((s) => s !== undefined).join(' · ');
  const labels = c.info.labelKeys?.items ?? [];
  return html`
    <li>
      <button type="button" class="contact-row ${selected ? 'is-selected' : ''}" data-testid="contact-row" data-id=${c._id}
        aria-current=${selected ? 'true' : 'false'} @click=${() => actions.open(c._id)}>
        ${avatarView(c)}
        <span class="row-main">
          <span class="row-name">${displayName(c.info)}</span>
          <span class="row-sub">${sub === '' ? c.info.company ?? '' : sub}</span>
        </span>
        ${labels.length === 0 ? nothing : html`<span class="row-labels">${labels.slice(0, 2).map((k) => html`<span class="tag">${labelName(k)}</span>`)}${labels.length > 2 ? html`<span class="tag tag-more">+${labels.length - 2}</span>` : nothing}</span>`}
      </button>
    </li>`;
}

function chipsView(model: ListModel, actions: ListActions): TemplateResult {
  const labels = labelCounts(model.contacts);
  const chip = (key: string | undefined, text: string, count: number): TemplateResult => html`
    <button type="button" class="chip ${model.label === key ? 'is-active' : ''}" data-testid="label-chip" data-label=${key ?? ''}
      aria-pressed=${model.label === key ? 'true' : 'false'} @click=${() => actions.filterLabel(key)}>${text}<span class="chip-count">${count}</span></button>`;
  return html`<div class="chips" role="toolbar" aria-label="Filter by label">
    ${chip(undefined, 'All', model.contacts.length)}
    ${labels.map(([key, n]) => chip(key, labelName(key), n))}
  </div>`;
}

function emptyView(model: ListModel): TemplateResult {
  if (!model.loaded) return html`<p class="empty">Opening the contacts on this device…</p>`;
  if (model.contacts.length === 0) return html`<p class="empty">No contacts on this device yet. They appear here as soon as they sync, or add one.</p>`;
  return html`<p class="empty">No contact matches “${model.query}”${model.label === undefined ? '' : ` with the label ${labelName(model.label)}`}.</p>`;
}

/**
 * The list pane.
 *
 * @example
 * ```ts
 * render(contactListView(model, actions), element);
 * ```
 */
export function contactListView(model: ListModel, actions: ListActions): TemplateResult {
  const found = searchContacts(model.contacts, model.query, model.label);
  const shown = found.slice(0, MAX_ROWS);
  return html`
    <div class="list-tools">
      <div class="search">
        <svg class="search-icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="11" cy="11" r="7" /><path d="m20 20-3.5-3.5" /></svg>
        <input type="search" data-testid="search" placeholder="Search name, email or phone" aria-label="Search contacts"
          autocomplete="off" .value=${live(model.query)} @input=${(e: Event) => actions.search((e.target as HTMLInputElement).value)} />
      </div>
      ${chipsView(model, actions)}
    </div>
    ${shown.length === 0 ? emptyView(model) : html`
      <ul class="contact-list" data-testid="contact-list" aria-label="Contacts">
        ${repeat(shown, (c) => c._id, (c) => rowView(c, c._id === model.selectedId, actions))}
      </ul>`}
    <p class="list-count" data-testid="list-count">${found.length === model.contacts.length ? `${found.length} contacts` : `${found.length} of ${model.contacts.length} contacts`}${found.length > shown.length ? ` · first ${shown.length} shown, search to narrow` : ''}</p>
    <button type="button" class="fab" data-testid="new-contact" @click=${() => actions.create()}>
      <svg class="fab-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5v14M5 12h14" /></svg><span class="fab-text">New contact</span></button>`;
}
