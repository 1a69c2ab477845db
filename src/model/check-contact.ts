/**
 * The response-mode check of a whole REST contact: what `contactFromWire` runs before a
 * server's answer may reach the local store. Types are checked strictly; unknown keys are
 * dropped (a newer server may add fields).
 */
import { checkEnum, checkString, field, readObject, required, type CheckContext } from './check-context.js';
import { checkInfo } from './check-info.js';
import type {
  Contact, ContactActivity, ContactSource, MemberInfo, PrimaryContactInfo, PrimaryEmail, PrimaryPhone,
} from './contact.js';
import {
  CONTACT_ACTIVITY_TYPES, CONTACT_SOURCE_TYPES, EMAIL_DELIVERABILITY_STATUSES, MEMBER_STATUSES, SUBSCRIPTION_STATUSES,
} from './enums.js';
import { optional, type PlainObject } from './plain-object.js';
import { infoFromWire } from './wire-info.js';

const keys = (...k: string[]): ReadonlySet<string> => new Set(k);
const CONTACT_KEYS = keys(
  'id', 'revision', 'source', 'createdDate', 'updatedDate', 'lastActivity', 'primaryInfo', 'info',
  'primaryEmail', 'primaryPhone', 'memberInfo',
);
/** An ISO-8601 timestamp with a time zone, as Wix sends them (`2019-10-30T17:22:10.299Z`). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

type Check<T> = (v: unknown, p: string) => T | undefined;

/** Checks a REST contact at `path` and returns its SDK form, or undefined (with violations recorded). */
export function checkWireContact(json: unknown, path: string, ctx: CheckContext): Contact | undefined {
  const o = readObject(json, path, CONTACT_KEYS, ctx);
  if (!o) return undefined;
  const date: Check<Date> = (v, p) => checkDate(v, p, ctx);
  const id = required(o, 'id', path, ctx, (v, p) => nonEmpty(v, p, ctx));
  const revision = required(o, 'revision', path, ctx, (v, p) => checkRevision(v, p, ctx));
  const info = required(o, 'info', path, ctx, (v, p) => checkInfo(infoFromWire(v), p, ctx));
  const contact: Contact = {
    _id: id ?? '', revision: revision ?? 0,
    ...optional('source', field(o, 'source', path, (v, p) => checkSource(v, p, ctx))),
    ...optional('_createdDate', field(o, 'createdDate', path, date)),
    ...optional('_updatedDate', field(o, 'updatedDate', path, date)),
    ...optional('lastActivity', field(o, 'lastActivity', path, (v, p) => checkActivity(v, p, ctx))),
    ...optional('primaryInfo', field(o, 'primaryInfo', path, (v, p) => checkPrimaryInfo(v, p, ctx))),
    info: info ?? {},
    ...optional('primaryEmail', field(o, 'primaryEmail', path, (v, p) => checkPrimaryEmail(v, p, ctx))),
    ...optional('primaryPhone', field(o, 'primaryPhone', path, (v, p) => checkPrimaryPhone(v, p, ctx))),
    ...optional('memberInfo', field(o, 'memberInfo', path, (v, p) => checkMemberInfo(v, p, ctx))),
  };
  return contact;
}

function nonEmpty(v: unknown, p: string, ctx: CheckContext): string | undefined {
  const s = checkString(v, p, ctx);
  if (s === '') ctx.violate(p, 'must not be empty', 'MIN_LENGTH', { min: 1 });
  return s === '' ? undefined : s;
}

function checkRevision(v: unknown, p: string, ctx: CheckContext): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1) return v;
  ctx.violate(p, 'must be an integer >= 1', 'TYPE', { expected: 'integer' });
  return undefined;
}

function checkDate(v: unknown, p: string, ctx: CheckContext): Date | undefined {
  const time = typeof v === 'string' && TIMESTAMP.test(v) ? Date.parse(v) : NaN;
  if (!Number.isNaN(time)) return new Date(time);
  ctx.violate(p, 'must be an ISO-8601 timestamp', 'FORMAT', { type: 'TIMESTAMP' });
  return undefined;
}

/** Reads an object and hands it to `build` with a `str`/`enumOf` shorthand for its fields. */
function withObject<T>(v: unknown, p: string, ctx: CheckContext, known: ReadonlySet<string>, build: (o: PlainObject, str: (k: string) => string | undefined) => T): T | undefined {
  const o = readObject(v, p, known, ctx);
  return o ? build(o, (k) => field(o, k, p, (x, xp) => checkString(x, xp, ctx))) : undefined;
}

function checkSource(v: unknown, p: string, ctx: CheckContext): ContactSource | undefined {
  return withObject(v, p, ctx, keys('sourceType', 'appId'), (o, str) => ({
    sourceType: required(o, 'sourceType', p, ctx, (x, xp) => checkEnum(x, xp, CONTACT_SOURCE_TYPES, ctx)) ?? 'OTHER',
    ...optional('appId', str('appId')),
  }));
}

function checkActivity(v: unknown, p: string, ctx: CheckContext): ContactActivity | undefined {
  return withObject(v, p, ctx, keys('activityDate', 'activityType'), (o) => ({
    ...optional('activityDate', field(o, 'activityDate', p, (x, xp) => checkDate(x, xp, ctx))),
    activityType: required(o, 'activityType', p, ctx, (x, xp) => checkEnum(x, xp, CONTACT_ACTIVITY_TYPES, ctx)) ?? 'GENERAL',
  }));
}

function checkPrimaryInfo(v: unknown, p: string, ctx: CheckContext): PrimaryContactInfo | undefined {
  return withObject(v, p, ctx, keys('email', 'phone'), (_o, str) => ({
    ...optional('email', str('email')), ...optional('phone', str('phone')),
  }));
}

function checkPrimaryEmail(v: unknown, p: string, ctx: CheckContext): PrimaryEmail | undefined {
  return withObject(v, p, ctx, keys('email', 'subscriptionStatus', 'deliverabilityStatus'), (o, str) => ({
    ...optional('email', str('email')),
    subscriptionStatus: required(o, 'subscriptionStatus', p, ctx, (x, xp) => checkEnum(x, xp, SUBSCRIPTION_STATUSES, ctx)) ?? 'NOT_SET',
    deliverabilityStatus: required(o, 'deliverabilityStatus', p, ctx, (x, xp) => checkEnum(x, xp, EMAIL_DELIVERABILITY_STATUSES, ctx)) ?? 'NOT_SET',
  }));
}

function checkPrimaryPhone(v: unknown, p: string, ctx: CheckContext): PrimaryPhone | undefined {
  return withObject(v, p, ctx, keys('countryCode', 'e164Phone', 'formattedPhone', 'subscriptionStatus', 'phone'), (o, str) => ({
    ...optional('countryCode', str('countryCode')),
    ...optional('e164Phone', str('e164Phone')),
    ...optional('formattedPhone', str('formattedPhone')),
    subscriptionStatus: required(o, 'subscriptionStatus', p, ctx, (x, xp) => checkEnum(x, xp, SUBSCRIPTION_STATUSES, ctx)) ?? 'NOT_SET',
    ...optional('phone', str('phone')),
  }));
}

function checkMemberInfo(v: unknown, p: string, ctx: CheckContext): MemberInfo | undefined {
  return withObject(v, p, ctx, keys('memberId', 'status', 'email', 'signupDate'), (o, str) => ({
    memberId: required(o, 'memberId', p, ctx, (x, xp) => nonEmpty(x, xp, ctx)) ?? '',
    ...optional('status', field(o, 'status', p, (x, xp) => checkEnum(x, xp, MEMBER_STATUSES, ctx))),
    ...optional('email', str('email')),
    ...optional('signupDate', field(o, 'signupDate', p, (x, xp) => checkDate(x, xp, ctx))),
  }));
}
