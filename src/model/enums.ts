/**
 * The Wix Contacts v4 enums, as `as const` tuples so that validation can iterate them and
 * types can be derived from them (no TS `enum`: they do not survive `verbatimModuleSyntax`
 * cleanly and cannot be checked at run time without a second list).
 */

/** Tags an email item may carry; `UNTAGGED` is what a missing tag becomes. */
export const EMAIL_TAGS = ['UNTAGGED', 'MAIN', 'HOME', 'WORK'] as const;
/** A tag of an email item. */
export type EmailTag = (typeof EMAIL_TAGS)[number];

/** Tags a phone item may carry. */
export const PHONE_TAGS = ['UNTAGGED', 'MAIN', 'HOME', 'MOBILE', 'WORK', 'FAX'] as const;
/** A tag of a phone item. */
export type PhoneTag = (typeof PHONE_TAGS)[number];

/** Tags an address item may carry. */
export const ADDRESS_TAGS = ['UNTAGGED', 'HOME', 'WORK', 'BILLING', 'SHIPPING'] as const;
/** A tag of an address item. */
export type AddressTag = (typeof ADDRESS_TAGS)[number];

/** Where a contact came from (read-only, set by the server). */
export const CONTACT_SOURCE_TYPES = [
  'OTHER', 'ADMIN', 'WIX_APP', 'IMPORT', 'THIRD_PARTY', 'WIX_BOOKINGS', 'WIX_CHAT',
  'WIX_EMAIL_MARKETING', 'WIX_EVENTS', 'WIX_FORMS', 'WIX_GROUPS', 'WIX_HOTELS',
  'WIX_MARKET_PLACE', 'WIX_MUSIC', 'WIX_RESTAURANTS', 'WIX_SITE_MEMBERS', 'WIX_STORES',
  'WIX_CODE', 'HOPP',
] as const;
/** A contact's source type. */
export type ContactSourceType = (typeof CONTACT_SOURCE_TYPES)[number];

/** The kinds of last activity the server records. */
export const CONTACT_ACTIVITY_TYPES = [
  'GENERAL', 'CONTACT_CREATED', 'MEMBER_LOGIN', 'MEMBER_REGISTER', 'MEMBER_STATUS_CHANGED',
  'FORM_SUBMITTED', 'INBOX_FORM_SUBMITTED', 'INBOX_PAYMENT_REQUEST_PAID',
  'INBOX_MESSAGE_TO_CUSTOMER', 'INBOX_MESSAGE_FROM_CUSTOMER',
  'NEWSLETTER_SUBSCRIPTION_FORM_SUBMITTED', 'NEWSLETTER_SUBSCRIPTION_UNSUBSCRIBE',
  'ECOM_PURCHASE', 'ECOM_CART_ABANDON', 'ECOM_CHECKOUT_BUYER', 'BOOKINGS_APPOINTMENT',
  'HOTELS_RESERVATION', 'HOTELS_PURCHASE', 'HOTELS_CONFIRMATION', 'HOTELS_CANCEL',
  'VIDEO_PURCHASE', 'VIDEO_RENT', 'CASHIER_BUTTON_PURCHASE', 'ARENA_NEW_LEAD', 'EVENTS_RSVP',
  'INVOICE_PAY', 'INVOICE_OVERDUE', 'PRICE_QUOTE_ACCEPT', 'PRICE_QUOTE_EXPIRE',
  'RESTAURANTS_ORDER', 'RESTAURANTS_RESERVATION', 'SHOUTOUT_OPEN', 'SHOUTOUT_CLICK',
  'CONTACT_MERGED', 'NEWSLETTER_SUBSCRIPTION_SUBSCRIBE', 'NEWSLETTER_SUBSCRIPTION_PENDING',
  'NEWSLETTER_SUBSCRIPTION_NOT_SET', 'PHONE_SUBSCRIPTION_SUBSCRIBE',
  'PHONE_SUBSCRIPTION_PENDING', 'PHONE_SUBSCRIPTION_NOT_SET', 'PHONE_SUBSCRIPTION_UNSUBSCRIBE',
] as const;
/** A contact's last activity type. */
export type ContactActivityType = (typeof CONTACT_ACTIVITY_TYPES)[number];

/** Marketing subscription status of a primary email or phone. */
export const SUBSCRIPTION_STATUSES = [
  'NO_SUBSCRIPTION_STATUS', 'NOT_SET', 'PENDING', 'SUBSCRIBED', 'UNSUBSCRIBED',
] as const;
/** A subscription status. */
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Deliverability of the primary email. */
export const EMAIL_DELIVERABILITY_STATUSES = [
  'NOT_SET', 'VALID', 'BOUNCED', 'SPAM_COMPLAINT', 'INACTIVE',
] as const;
/** An email deliverability status. */
export type EmailDeliverabilityStatus = (typeof EMAIL_DELIVERABILITY_STATUSES)[number];

/** Named projections for get/list/query. */
export const CONTACT_FIELD_SETS = ['BASIC', 'COMMUNICATION_DETAILS', 'EXTENDED', 'FULL'] as const;
/** A named projection. */
export type ContactFieldSet = (typeof CONTACT_FIELD_SETS)[number];

/** Sort direction. */
export const SORT_ORDERS = ['ASC', 'DESC'] as const;
/** A sort direction. */
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Status of a site member linked to a contact. */
export const MEMBER_STATUSES = ['PENDING', 'ACTIVE', 'DELETED', 'BLOCKED', 'OFFLINE'] as const;
/** A member status. */
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
