/**
 * The size and count limits of the Wix Contacts v4 model (WIX-CONTACTS.md section 3, from the
 * SDK's `@maxLength`/`@maxSize` annotations). Validation, the merge and the server all read
 * them from here.
 */
export const LIMITS = {
  nameLength: 1000,
  emailLength: 320,
  phoneLength: 50,
  listItems: 50,
  labelKeys: 2000,
  labelKeyLength: 80,
  labelNamespaceLength: 25,
  labelKeysPerCall: 100,
  textLength: 1000, // company, jobTitle, address lines, city, street name
  shortTextLength: 100, // street number, subdivision, postal code
  formattedAddressLength: 2000,
  extendedFieldTextLength: 5000, // ours: Wix does not state one; bounds a TEXT/URL value
  extendedFieldKeys: 200, // ours: bounds the map so one contact stays small
  locationItems: 50,
  queryLimitDefault: 50,
  queryLimitMax: 1000,
  searchLength: 100,
  bodyBytes: 1024 * 1024,
} as const;

/**
 * Extended-field keys the store and server compute from other fields. Clients may send them
 * back (they read a contact and return it), but the value is always re-derived; the merge
 * ignores them for the same reason.
 */
export const DERIVED_EXTENDED_FIELD_KEYS = ['contacts.displayByFirstName', 'contacts.displayByLastName'] as const;

/**
 * Extended-field namespaces owned by Wix systems. Values under them are read-only for apps:
 * accepted on input and ignored (the server keeps its own), never an error.
 */
export const SYSTEM_EXTENDED_FIELD_NAMESPACES = ['contacts', 'emailSubscriptions', 'invoices', 'members'] as const;
