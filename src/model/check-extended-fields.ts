/**
 * The extended-field map of an info. User fields are `custom.<slug>` with a string or a
 * finite number; keys under a system namespace are read-only: dropped from input (SDK code
 * sends back what it read) and kept from a server's response.
 */
import { readObject, type CheckContext } from './check-context.js';
import type { ExtendedFieldValue } from './contact.js';
import { isCustomExtendedFieldKey, isExtendedFieldKey, namespaceOf } from './formats.js';
import { LIMITS, SYSTEM_EXTENDED_FIELD_NAMESPACES } from './limits.js';
import { isPlainObject, setOwn } from './plain-object.js';

const ITEMS_ONLY: ReadonlySet<string> = /* @__PURE__ */ new Set(['items']);
const SYSTEM_NAMESPACES: ReadonlySet<string> = /* @__PURE__ */ new Set(SYSTEM_EXTENDED_FIELD_NAMESPACES);

/** True for keys under a namespace owned by Wix systems (`contacts.displayByFirstName`...). */
export function isSystemExtendedFieldKey(key: string): boolean {
  return key.includes('.') && SYSTEM_NAMESPACES.has(namespaceOf(key));
}

/** Checks `info.extendedFields` and returns its items (system keys dropped in input mode). */
export function checkExtendedFields(value: unknown, path: string, ctx: CheckContext): Record<string, ExtendedFieldValue> | undefined {
  const wrapper = readObject(value, path, ITEMS_ONLY, ctx);
  if (!wrapper) return undefined;
  const items = wrapper['items'];
  if (items === undefined) return {};
  const itemsPath = `${path}.items`;
  if (!isPlainObject(items)) {
    ctx.violate(itemsPath, 'must be an object', 'TYPE', { expected: 'object' });
    return undefined;
  }
  const out: Record<string, ExtendedFieldValue> = {};
  let userKeys = 0;
  for (const key of Object.keys(items)) {
    const checked = checkEntry(key, items[key], `${itemsPath}[${JSON.stringify(key)}]`, ctx);
    if (checked === undefined) continue;
    setOwn(out, key, checked);
    if (!isSystemExtendedFieldKey(key)) userKeys += 1;
  }
  if (ctx.strict && userKeys > LIMITS.extendedFieldKeys) {
    ctx.violate(itemsPath, `must have at most ${LIMITS.extendedFieldKeys} keys`, 'MAX_SIZE', { max: LIMITS.extendedFieldKeys });
  }
  return out;
}

/** One entry: its value when kept, undefined when dropped or refused. */
function checkEntry(key: string, value: unknown, field: string, ctx: CheckContext): ExtendedFieldValue | undefined {
  if (value === undefined || (value === null && !ctx.strict)) return undefined;
  if (ctx.strict && isSystemExtendedFieldKey(key)) return undefined;
  const keyOk = ctx.strict ? isCustomExtendedFieldKey(key) : isExtendedFieldKey(key);
  if (!keyOk) {
    ctx.extendedFieldProblem(key, field, ctx.strict ? 'only custom.<slug> keys can be written' : 'malformed key');
    return undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') {
    ctx.extendedFieldProblem(key, field, 'must be a string or a finite number');
    return undefined;
  }
  if (ctx.strict && value.length > LIMITS.extendedFieldTextLength) {
    ctx.extendedFieldProblem(key, field, `must be at most ${LIMITS.extendedFieldTextLength} characters`);
    return undefined;
  }
  return value;
}
