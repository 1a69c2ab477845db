/**
 * The editor: every `ContactInfo` field (name, emails, phones, addresses, company, job
 * title, birthday, language, labels, custom fields, picture, locations), with the model's
 * validation messages under the inputs they are about. Inputs write into `draft.info`; the
 * controller saves (demo-app.ts).
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type {
  AddressTag, Contact, ContactAddress, ContactEmail, ContactInfo, ContactPhone, EmailTag, PhoneTag,
} from '../../src/index.js';
import { displayName, labelKeyOf, labelName } from './contact-format.js';
import { avatarView } from './contact-list-view.js';
import type { EditorDraft } from './editor-draft.js';
import { errorsUnder, selectField, textField } from './editor-fields.js';

const EMAIL_TAGS: readonly EmailTag[] = ['UNTAGGED', 'MAIN', 'HOME', 'WORK'];
const PHONE_TAGS: readonly PhoneTag[] = ['UNTAGGED', 'MAIN', 'HOME', 'MOBILE', 'WORK', 'FAX'];
const ADDRESS_TAGS: readonly AddressTag[] = ['UNTAGGED', 'HOME', 'WORK', 'BILLING', 'SHIPPING'];

/** What the editor does. */
export interface EditorActions {
  /** The draft was changed in place: render again. */
  changed(): void;
  save(allowDuplicates: boolean): void;
  remove(): void;
  close(): void;
}

/** What the editor is drawn from. */
export interface EditorModel {
  readonly draft: EditorDraft;
  /** The stored contact (undefined for a new one). */
  readonly contact: Contact | undefined;
  /** Every label key on the device, offered while typing a label. */
  readonly knownLabels: readonly string[];
  readonly flash: string | undefined;
  /** True while the delete button waits for its confirmation. */
  readonly confirmDelete: boolean;
}

/** Collects the paths that have an input, so errors without one can be listed apart. */
class Ctx {
  readonly shown = new Set<string>();
  constructor(readonly draft: EditorDraft, readonly actions: EditorActions) {}

  err(path: string): string | undefined {
    this.shown.add(path);
    return this.draft.fieldErrors.get(path);
  }

  /** Marks the draft dirty and re-renders. */
  touch(): void {
    this.draft.dirty = true;
    this.actions.changed();
  }

  get info(): ContactInfo {
    return this.draft.info;
  }
}

function nameSection(c: Ctx): TemplateResult {
  const set = (part: 'first' | 'last') => (v: string): void => {
    c.info.name = { ...c.info.name, [part]: v };
    c.touch();
  };
  return html`<fieldset class="section"><legend>Name</legend><div class="grid-2">
    ${textField('First name', 'info.name.first', c.info.name?.first, c.err('info.name.first'), set('first'), { autocomplete: 'off' })}
    ${textField('Last name', 'info.name.last', c.info.name?.last, c.err('info.name.last'), set('last'))}
  </div></fieldset>`;
}

function workSection(c: Ctx): TemplateResult {
  const set = (key: 'company' | 'jobTitle' | 'birthdate' | 'locale') => (v: string): void => {
    c.info[key] = v;
    c.touch();
  };
  return html`<fieldset class="section"><legend>Work and personal</legend><div class="grid-2">
    ${textField('Company', 'info.company', c.info.company, c.err('info.company'), set('company'))}
    ${textField('Job title', 'info.jobTitle', c.info.jobTitle, c.err('info.jobTitle'), set('jobTitle'))}
    ${textField('Birthday', 'info.birthdate', c.info.birthdate, c.err('info.birthdate'), set('birthdate'), { type: 'date' })}
    ${textField('Language (BCP-47, e.g. en-US)', 'info.locale', c.info.locale, c.err('info.locale'), set('locale'), { list: 'locales', placeholder: 'en-US' })}
  </div>
  <datalist id="locales">${['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES', 'it-IT', 'pt-BR', 'ja-JP', 'he-IL', 'hi-IN', 'zh-CN'].map((l) => html`<option value=${l}></option>`)}</datalist>
  </fieldset>`;
}

/** Makes `index` the one primary row of a list. */
function makePrimary(items: { primary?: boolean }[], index: number): void {
  items.forEach((it, i) => { it.primary = i === index; });
}

function listHeader(title: string, onAdd: () => void, testId: string): TemplateResult {
  return html`<legend>${title}</legend><button type="button" class="link-button add-row" data-testid=${testId} @click=${onAdd}>+ Add</button>`;
}

function primaryToggle(name: string, checked: boolean, onPick: () => void): TemplateResult {
  return html`<label class="primary-toggle" title="Primary"><input type="radio" name=${name} .checked=${live(checked)} @change=${onPick} /><span>Primary</span></label>`;
}

function removeButton(what: string, onRemove: () => void): TemplateResult {
  return html`<button type="button" class="icon-button" aria-label=${`Remove ${what}`} title=${`Remove ${what}`} @click=${onRemove}>✕</button>`;
}

function emailsSection(c: Ctx): TemplateResult {
  const items: ContactEmail[] = c.info.emails?.items ?? [];
  const add = (): void => {
    c.info.emails = { items: [...items, { email: '', tag: 'UNTAGGED', primary: items.length === 0 }] };
    c.touch();
  };
  const row = (e: ContactEmail, i: number): TemplateResult => {
    const p = `info.emails.items[${i}]`;
    return html`<div class="row row-email">
      ${selectField('Email type', `${p}.tag`, e.tag, EMAIL_TAGS, c.err(`${p}.tag`), (v) => { e.tag = v; c.touch(); })}
      ${textField('Email', `${p}.email`, e.email, c.err(`${p}.email`), (v) => { e.email = v; c.touch(); }, { type: 'email', placeholder: 'name@example.com', hiddenLabel: true, className: 'grow' })}
      ${primaryToggle('primary-email', e.primary === true, () => { makePrimary(items, i); c.touch(); })}
      ${removeButton('email', () => { items.splice(i, 1); c.touch(); })}
    </div>`;
  };
  return html`<fieldset class="section">${listHeader('Emails', add, 'add-email')}
    ${items.length === 0 ? html`<p class="muted">No email.</p>` : items.map(row)}</fieldset>`;
}

function phonesSection(c: Ctx): TemplateResult {
  const items: ContactPhone[] = c.info.phones?.items ?? [];
  const add = (): void => {
    c.info.phones = { items: [...items, { phone: '', tag: 'MOBILE', primary: items.length === 0 }] };
    c.touch();
  };
  const row = (ph: ContactPhone, i: number): TemplateResult => {
    const p = `info.phones.items[${i}]`;
    return html`<div class="row row-phone">
      ${selectField('Phone type', `${p}.tag`, ph.tag, PHONE_TAGS, c.err(`${p}.tag`), (v) => { ph.tag = v; c.touch(); })}
      ${textField('Country', `${p}.countryCode`, ph.countryCode, c.err(`${p}.countryCode`), (v) => { ph.countryCode = v.toUpperCase(); c.touch(); }, { placeholder: 'US', hiddenLabel: true, className: 'narrow' })}
      ${textField('Phone', `${p}.phone`, ph.phone, c.err(`${p}.phone`), (v) => { ph.phone = v; c.touch(); }, { type: 'tel', placeholder: '+1 555 010 0000', hiddenLabel: true, className: 'grow' })}
      ${primaryToggle('primary-phone', ph.primary === true, () => { makePrimary(items, i); c.touch(); })}
      ${removeButton('phone', () => { items.splice(i, 1); c.touch(); })}
    </div>`;
  };
  return html`<fieldset class="section">${listHeader('Phones', add, 'add-phone')}
    ${items.length === 0 ? html`<p class="muted">No phone.</p>` : items.map(row)}</fieldset>`;
}

type AddressText = 'addressLine1' | 'addressLine2' | 'city' | 'postalCode' | 'subdivision' | 'country';

function addressCard(c: Ctx, items: ContactAddress[], a: ContactAddress, i: number): TemplateResult {
  const p = `info.addresses.items[${i}]`;
  const addr = (a.address ??= {});
  const text = (key: AddressText, label: string, placeholder = ''): TemplateResult =>
    textField(label, `${p}.address.${key}`, addr[key], c.err(`${p}.address.${key}`), (v) => { addr[key] = v; c.touch(); }, { placeholder });
  const street = (key: 'number' | 'name', label: string): TemplateResult =>
    textField(label, `${p}.address.streetAddress.${key}`, addr.streetAddress?.[key], c.err(`${p}.address.streetAddress.${key}`), (v) => {
      addr.streetAddress = { ...addr.streetAddress, [key]: v };
      c.touch();
    });
  return html`<div class="address-card">
    <div class="row">
      ${selectField('Address type', `${p}.tag`, a.tag, ADDRESS_TAGS, c.err(`${p}.tag`), (v) => { a.tag = v; c.touch(); })}
      <span class="grow"></span>
      ${removeButton('address', () => { items.splice(i, 1); c.touch(); })}
    </div>
    <div class="grid-2">
      ${text('addressLine1', 'Address line 1', '12 Main Street')}
      ${text('addressLine2', 'Address line 2', 'Apt, suite, floor')}
      ${street('number', 'Street number (instead of line 1)')}
      ${street('name', 'Street name (instead of line 1)')}
      ${text('city', 'City')}
      ${text('postalCode', 'Postal code')}
      ${text('subdivision', 'Region (ISO 3166-2, e.g. US-NY)', 'US-NY')}
      ${text('country', 'Country (ISO, e.g. US)', 'US')}
    </div>
  </div>`;
}

function addressesSection(c: Ctx): TemplateResult {
  const items: ContactAddress[] = c.info.addresses?.items ?? [];
  const add = (): void => {
    c.info.addresses = { items: [...items, { tag: 'HOME', address: {} }] };
    c.touch();
  };
  return html`<fieldset class="section">${listHeader('Addresses', add, 'add-address')}
    ${items.length === 0 ? html`<p class="muted">No address.</p>` : items.map((a, i) => addressCard(c, items, a, i))}</fieldset>`;
}

function labelsSection(c: Ctx, known: readonly string[]): TemplateResult {
  const keys = c.info.labelKeys?.items ?? [];
  const add = (): void => {
    const key = labelKeyOf(c.draft.newLabel);
    c.draft.newLabel = '';
    if (key !== undefined && !keys.includes(key)) c.info.labelKeys = { items: [...keys, key] };
    c.touch();
  };
  const error = c.err('info.labelKeys');
  return html`<fieldset class="section"><legend>Labels</legend>
    <div class="label-list">
      ${keys.map((k, i) => html`<span class="tag tag-removable" data-testid="label">${labelName(k)}
        <button type="button" aria-label=${`Remove label ${labelName(k)}`} @click=${() => { keys.splice(i, 1); c.touch(); }}>✕</button></span>`)}
      <form class="inline-add" @submit=${(e: Event) => { e.preventDefault(); add(); }}>
        <input name="new-label" list="known-labels" placeholder="Add a label" aria-label="Add a label" .value=${live(c.draft.newLabel)}
          @input=${(e: Event) => { c.draft.newLabel = (e.target as HTMLInputElement).value; }} />
        <button type="submit" class="link-button">Add</button>
      </form>
      <datalist id="known-labels">${known.map((k) => html`<option value=${labelName(k)}></option>`)}</datalist>
    </div>
    ${error === undefined ? nothing : html`<span class="field-error" data-testid="field-error">${error}</span>`}
  </fieldset>`;
}

function customFieldsSection(c: Ctx): TemplateResult {
  const items = c.info.extendedFields?.items ?? {};
  const keys = Object.keys(items).sort();
  const custom = keys.filter((k) => k.startsWith('custom.'));
  const system = keys.filter((k) => !k.startsWith('custom.'));
  const add = (): void => {
    const slug = c.draft.newFieldKey.trim();
    if (slug === '') return;
    c.info.extendedFields = { items: { ...items, [`custom.${slug}`]: c.draft.newFieldValue } };
    c.draft.newFieldKey = '';
    c.draft.newFieldValue = '';
    c.touch();
  };
  const row = (k: string): TemplateResult => {
    const p = `info.extendedFields.items.${k}`;
    const v = items[k];
    return html`<div class="row">
      ${textField(k.slice('custom.'.length), p, v === undefined ? '' : String(v), c.err(p), (nv) => {
        items[k] = typeof v === 'number' && nv.trim() !== '' && Number.isFinite(Number(nv)) ? Number(nv) : nv;
        c.touch();
      }, { className: 'grow' })}
      ${removeButton(`field ${k}`, () => { items[k] = ''; c.touch(); })}
    </div>`;
  };
  return html`<fieldset class="section"><legend>Custom fields</legend>
    ${custom.filter((k) => items[k] !== '').map(row)}
    <form class="row inline-add" @submit=${(e: Event) => { e.preventDefault(); add(); }}>
      <input name="new-field-key" placeholder="Field (e.g. team)" aria-label="New field name" .value=${live(c.draft.newFieldKey)}
        @input=${(e: Event) => { c.draft.newFieldKey = (e.target as HTMLInputElement).value; }} />
      <input name="new-field-value" class="grow" placeholder="Value" aria-label="New field value" .value=${live(c.draft.newFieldValue)}
        @input=${(e: Event) => { c.draft.newFieldValue = (e.target as HTMLInputElement).value; }} />
      <button type="submit" class="link-button">Add</button>
    </form>
    ${system.length === 0 ? nothing : html`<p class="muted small">Kept by the system: ${system.map((k) => `${k} = ${String(items[k])}`).join(' · ')}</p>`}
  </fieldset>`;
}

function moreSection(c: Ctx, contact: Contact | undefined): TemplateResult {
  const locations = (c.info.locations?.items ?? []).join(', ');
  return html`<details class="section more"><summary>Picture, locations and details</summary>
    ${textField('Picture URL', 'info.picture.image', c.info.picture?.image, c.err('info.picture.image') ?? c.err('info.picture'), (v) => {
      c.info.picture = { image: v };
      c.touch();
    }, { type: 'url', placeholder: 'https://…' })}
    ${textField('Location ids (comma-separated GUIDs)', 'info.locations', locations, c.err('info.locations'), (v) => {
      c.info.locations = { items: v.split(',').map((s) => s.trim()).filter((s) => s !== '') };
      c.touch();
    })}
    ${contact === undefined ? nothing : html`<dl class="meta">
      <dt>Id</dt><dd><code>${contact._id}</code></dd>
      <dt>Local revision</dt><dd>${contact.revision}</dd>
      ${contact._createdDate === undefined ? nothing : html`<dt>Created</dt><dd>${contact._createdDate.toLocaleString()}</dd>`}
      ${contact._updatedDate === undefined ? nothing : html`<dt>Updated</dt><dd>${contact._updatedDate.toLocaleString()}</dd>`}
      ${contact.source === undefined ? nothing : html`<dt>Source</dt><dd>${contact.source.sourceType}</dd>`}
    </dl>`}
  </details>`;
}

function messagesView(c: Ctx, unshown: string | undefined, flash: string | undefined): TemplateResult {
  const d = c.draft;
  return html`
    ${d.formError === undefined ? nothing : html`<div class="alert alert-error" role="alert" data-testid="form-error" data-code=${d.formError.code}>
      <strong>${d.formError.text}</strong>${unshown === undefined ? nothing : html`<div class="small">${unshown}</div>`}
      ${d.duplicate ? html`<div><button type="button" class="button button-secondary" data-testid="save-anyway" @click=${() => c.actions.save(true)}>Save anyway</button></div>` : nothing}
    </div>`}
    ${flash === undefined ? nothing : html`<div class="alert alert-ok" role="status" data-testid="flash">${flash}</div>`}`;
}

/**
 * The editor pane.
 *
 * @example
 * ```ts
 * render(contactEditorView(model, actions), element);
 * ```
 */
export function contactEditorView(model: EditorModel, actions: EditorActions): TemplateResult {
  const { draft, contact } = model;
  const c = new Ctx(draft, actions);
  const sections = [
    nameSection(c), emailsSection(c), phonesSection(c), workSection(c), addressesSection(c),
    labelsSection(c, model.knownLabels), customFieldsSection(c), moreSection(c, contact),
  ];
  const unshown = errorsUnder(draft.fieldErrors, 'info', c.shown);
  const title = draft.contactId === undefined ? 'New contact' : displayName(draft.info);
  const changedElsewhere = contact !== undefined && draft.dirty && contact.revision !== draft.revision;
  return html`
    <form class="editor" data-testid="editor" data-contact-id=${draft.contactId ?? ''} novalidate
      @submit=${(e: Event) => { e.preventDefault(); actions.save(false); }}>
      <header class="editor-head">
        <button type="button" class="icon-button back" aria-label="Back to the list" @click=${() => actions.close()}>←</button>
        ${avatarView({ _id: draft.contactId ?? 'new', info: draft.info }, 'lg')}
        <div class="editor-title"><h2 data-testid="editor-title">${title}</h2>
          <p class="muted small">${draft.contactId === undefined ? 'Saved on this device first, then synced.' : draft.dirty ? 'Unsaved changes' : 'All changes saved on this device'}</p></div>
      </header>
      ${changedElsewhere ? html`<div class="alert alert-info" role="status">This contact was changed elsewhere while you edit it. Saving applies only the fields you changed.</div>` : nothing}
      ${messagesView(c, unshown, model.flash)}
      ${sections}
      <footer class="editor-actions">
        ${draft.contactId === undefined ? nothing : model.confirmDelete
          ? html`<button type="button" class="button button-danger" data-testid="confirm-delete" @click=${() => actions.remove()}>Confirm delete</button>`
          : html`<button type="button" class="button button-ghost-danger" data-testid="delete" @click=${() => actions.remove()}>Delete</button>`}
        <span class="grow"></span>
        <button type="button" class="button button-secondary" @click=${() => actions.close()}>Close</button>
        <button type="submit" class="button button-primary" data-testid="save" ?disabled=${draft.saving || (!draft.dirty && draft.contactId !== undefined)}>
          ${draft.saving ? 'Saving…' : 'Save'}</button>
      </footer>
    </form>`;
}
