/**
 * Label keys the server is known to have. The local store accepts any well-formed key,
 * offline; the server accepts only existing ones. Before pushing an info that uses a
 * `custom.*` key this engine has not seen the server confirm, it asks the server to find or
 * create the label (`POST /contacts/v4/labels { displayName }` makes `custom.<slug>`).
 */
import type { ContactInfo } from '../src/model/contact.js';
import type { ContactsRemote } from '../src/remote/contacts-remote.js';

/** Remembers confirmed label keys for the life of an engine. */
export class LabelRegistry {
  private readonly known = new Set<string>();

  constructor(private readonly remote: ContactsRemote) {}

  /** Marks keys seen on server copies as existing. */
  learn(info: ContactInfo | undefined): void {
    for (const k of info?.labelKeys?.items ?? []) this.known.add(k);
  }

  /**
   * Makes sure every `custom.*` key of `info` exists on the server. A key whose slug the
   * server would spell differently (e.g. upper case) cannot be created under that key; the
   * push then fails with `LABEL_NOT_FOUND` and is recorded as rejected.
   */
  async ensure(info: ContactInfo): Promise<void> {
    for (const k of info.labelKeys?.items ?? []) {
      if (this.known.has(k) || !k.startsWith('custom.')) continue;
      const created = await this.remote.ensureLabel(k.slice('custom.'.length));
      this.known.add(created);
    }
  }
}
