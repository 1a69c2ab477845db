/**
 * The editor's behaviour: which contact the draft is of (following the route and the live
 * list), saving (create, or update with only the changed fields against the newest local
 * revision), deleting, and turning failures into messages on the right inputs.
 */
import type { Contact, ContactsClient } from '../../src/index.js';
import { ContactsError } from '../../src/index.js';
import type { AppStore } from './app-store.js';
import type { DemoState } from './demo-state.js';
import { cleanInfo, draftOf, draftPath, infoPatch, type EditorDraft } from './editor-draft.js';
import { errorText } from './error-text.js';
import type { Route } from './route.js';

const FLASH_MS = 2_500;

/** Runs the editor of one page. */
export class EditorController {
  /** True while the delete button waits for its second click. */
  confirmDelete = false;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: ContactsClient,
    private readonly store: AppStore<DemoState>,
    private readonly byId: ReadonlyMap<string, Contact>,
    private readonly replaceRoute: (route: Route) => void,
  ) {}

  private get draft(): EditorDraft | undefined {
    return this.store.value.draft;
  }

  /** The route changed: start the right draft. */
  routeChanged(route: Route): void {
    this.confirmDelete = false;
    if (route.screen === 'new') {
      if (this.draft?.contactId !== undefined || this.draft === undefined) this.store.update({ draft: draftOf(undefined, undefined), flash: undefined });
      return;
    }
    if (route.screen !== 'contact') {
      this.store.update({ draft: undefined, flash: undefined });
      return;
    }
    if (this.draft?.contactId === route.contactId) return;
    this.store.update({ draft: undefined, flash: undefined });
    this.contactsChanged();
  }

  /**
   * The live list changed: open the routed contact once it is there, refresh a draft nobody
   * is typing in, and follow a temporary id to the server's id after the first sync.
   */
  contactsChanged(): void {
    const route = this.store.value.route;
    if (route.screen !== 'contact') return;
    const contact = this.byId.get(route.contactId);
    const draft = this.draft;
    if (contact !== undefined) {
      if (draft === undefined || (!draft.dirty && !draft.saving && contact.revision !== draft.revision)) {
        this.store.update({ draft: draftOf(contact._id, contact.info, contact.revision) });
      }
      return;
    }
    if (this.store.value.loaded) void this.followAlias(route.contactId);
  }

  private async followAlias(contactId: string): Promise<void> {
    try {
      const contact = await this.client.getContact(contactId);
      if (contact._id === contactId) return;
      // The first sync gave the contact its server id: keep what is being typed under the new id.
      const draft = this.draft;
      if (draft !== undefined && draft.contactId === contactId) this.store.update({ draft: { ...draft, contactId: contact._id } });
      this.replaceRoute({ screen: 'contact', contactId: contact._id });
    } catch (e) {
      if (e instanceof ContactsError && e.code === 'CONTACT_NOT_FOUND' && this.store.value.route.screen === 'contact') {
        this.store.update({ notice: { code: e.code, text: errorText(e).text, tone: 'info' } });
        this.replaceRoute({ screen: 'list' });
      }
    }
  }

  /** An input changed the draft in place. */
  changed(): void {
    const draft = this.draft;
    if (draft !== undefined) this.store.update({ draft: { ...draft } });
  }

  /** Saves the draft; failures become messages in the form (and a page notice for storage full). */
  async save(allowDuplicates: boolean): Promise<void> {
    const draft = this.draft;
    if (draft === undefined || draft.saving) return;
    const { info, rows } = cleanInfo(draft.info);
    this.store.update({ draft: { ...draft, saving: true } });
    const options = allowDuplicates ? { allowDuplicates: true } : undefined;
    try {
      const contact = draft.contactId === undefined
        ? (await this.client.createContact(info, options)).contact
        : await this.update(draft, info, options);
      this.store.update({ draft: contact === undefined ? { ...draft, saving: false, dirty: false } : draftOf(contact._id, contact.info, contact.revision) });
      if (contact !== undefined && draft.contactId === undefined) this.replaceRoute({ screen: 'contact', contactId: contact._id });
      this.flash(draft.contactId === undefined ? 'Contact created on this device.' : 'Saved on this device.');
    } catch (e) {
      const t = errorText(e);
      const fieldErrors = new Map([...t.fields].map(([path, text]) => [draftPath(path, rows), text] as const));
      const current = this.draft ?? draft;
      this.store.update({
        draft: { ...current, saving: false, fieldErrors, formError: { code: t.code, text: t.text }, duplicate: t.code === 'DUPLICATE_CONTACT_EXISTS' },
        ...(t.code === 'STORAGE_FULL' ? { notice: { code: t.code, text: t.text, tone: 'error' as const } } : {}),
      });
    }
  }

  /** Sends only what changed, against the newest local revision (edits made elsewhere to other fields stay). */
  private async update(draft: EditorDraft, info: Contact['info'], options: { allowDuplicates: boolean } | undefined): Promise<Contact | undefined> {
    const id = draft.contactId;
    if (id === undefined) return undefined;
    const patch = infoPatch(draft.original, info);
    if (Object.keys(patch).length === 0) return this.byId.get(id);
    const latest = this.byId.get(id) ?? await this.client.getContact(id);
    return (await this.client.updateContact(id, patch, latest.revision, options)).contact;
  }

  /** First click asks for confirmation, the second deletes. */
  async remove(): Promise<void> {
    const id = this.draft?.contactId;
    if (id === undefined) return;
    if (!this.confirmDelete) {
      this.confirmDelete = true;
      this.changed();
      return;
    }
    this.confirmDelete = false;
    try {
      await this.client.deleteContact(id);
      this.replaceRoute({ screen: 'list' });
      this.store.update({ notice: { code: 'DELETED', text: 'Contact deleted on this device; the deletion syncs in the background.', tone: 'info' } });
    } catch (e) {
      const t = errorText(e);
      const draft = this.draft;
      if (draft !== undefined) this.store.update({ draft: { ...draft, formError: { code: t.code, text: t.text } } });
    }
  }

  private flash(text: string): void {
    clearTimeout(this.flashTimer);
    this.store.update({ flash: text });
    this.flashTimer = setTimeout(() => this.store.update({ flash: undefined }), FLASH_MS);
  }
}
