/**
 * Realistic sample contacts for the demo, from a seeded generator: the same seed always gives
 * the same people (names, emails, phones with their country, addresses, companies, job
 * titles, birthdays, languages, labels, a custom field). `seedTenant` sends them to a server
 * over the Wix REST API, creating the labels first, and does nothing when the tenant already
 * has (or ever had) contacts.
 */
import type { ContactEmail, ContactInfo, ContactPhone } from '../src/index.js';
import { infoToWire } from '../src/model/wire-info.js';

/** Labels the sample contacts carry (display names; keys are `custom.<slug>`). */
export const SAMPLE_LABELS = ['Family', 'Friends', 'Work', 'VIP', 'Clients', 'Suppliers', 'Book club', 'Neighbours'] as const;

interface Place {
  readonly country: string;
  readonly city: string;
  readonly subdivision: string;
  readonly locale: string;
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly streets: readonly string[];
  readonly postal: (r: Rng) => string;
  readonly phone: (r: Rng) => string;
}

/** A small deterministic PRNG (mulberry32): reproducible samples with no dependency. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** `n` random digits. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const PLACES: readonly Place[] = [
  {
    country: 'US', city: 'New York', subdivision: 'US-NY', locale: 'en-US',
    firstNames: ['James', 'Olivia', 'Michael', 'Emma', 'Daniel', 'Ava', 'Ethan', 'Sophia', 'Noah', 'Harper'],
    lastNames: ['Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Taylor', 'Anderson'],
    streets: ['Broadway', 'Madison Avenue', 'Bleecker Street', 'Lexington Avenue'],
    postal: (r) => `100${r.digits(2)}`, phone: (r) => `(212) 555-01${r.digits(2)}`,
  },
  {
    country: 'US', city: 'San Francisco', subdivision: 'US-CA', locale: 'en-US',
    firstNames: ['Liam', 'Mia', 'Lucas', 'Chloe', 'Mateo', 'Isabella', 'Ryan', 'Grace', 'Kevin', 'Aria'],
    lastNames: ['Nguyen', 'Chen', 'Patel', 'Kim', 'Lopez', 'Wong', 'Clark', 'Lewis', 'Walker', 'Young'],
    streets: ['Valencia Street', 'Market Street', 'Hayes Street', 'Divisadero Street'],
    postal: (r) => `941${r.digits(2)}`, phone: (r) => `(415) 555-01${r.digits(2)}`,
  },
  {
    country: 'GB', city: 'London', subdivision: 'GB-ENG', locale: 'en-GB',
    firstNames: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Poppy', 'Jack', 'Freya', 'Alfie', 'Florence'],
    lastNames: ['Smith', 'Jones', 'Evans', 'Hughes', 'Wright', 'Walsh', 'Thompson', 'Roberts', 'Hall', 'Green'],
    streets: ['Baker Street', 'Camden High Street', 'Portobello Road', 'Old Kent Road'],
    postal: (r) => `${r.pick(['NW1', 'SE1', 'E2', 'W11', 'N7'])} ${r.int(1, 9)}${r.pick(['AB', 'DX', 'QT', 'LP'])}`,
    phone: (r) => `020 7946 0${r.digits(3)}`,
  },
  {
    country: 'FR', city: 'Paris', subdivision: 'FR-IDF', locale: 'fr-FR',
    firstNames: ['Camille', 'Louis', 'Léa', 'Hugo', 'Chloé', 'Jules', 'Manon', 'Gabriel', 'Inès', 'Théo'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Rousseau', 'Fontaine', 'Mercier'],
    streets: ['Rue de Rivoli', 'Boulevard Voltaire', 'Rue Oberkampf', 'Avenue de la République'],
    postal: (r) => `750${String(r.int(1, 20)).padStart(2, '0')}`, phone: (r) => `01 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
  },
  {
    country: 'DE', city: 'Berlin', subdivision: 'DE-BE', locale: 'de-DE',
    firstNames: ['Lukas', 'Hannah', 'Felix', 'Lena', 'Jonas', 'Marie', 'Paul', 'Sophie', 'Leon', 'Emilia'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch'],
    streets: ['Kastanienallee', 'Oranienstraße', 'Torstraße', 'Karl-Marx-Allee'],
    postal: (r) => `10${r.digits(3)}`, phone: (r) => `030 ${r.digits(8)}`,
  },
  {
    country: 'IL', city: 'Tel Aviv', subdivision: 'IL-TA', locale: 'he-IL',
    firstNames: ['Noa', 'Itai', 'Maya', 'Yonatan', 'Tamar', 'Omer', 'Shira', 'Eitan', 'Yael', 'Amit'],
    lastNames: ['Cohen', 'Levi', 'Mizrahi', 'Peretz', 'Biton', 'Friedman', 'Katz', 'Azoulay', 'Shapiro', 'Ben-David'],
    streets: ['Rothschild Boulevard', 'Dizengoff Street', 'Allenby Street', 'Ibn Gabirol Street'],
    postal: (r) => `6${r.digits(6)}`, phone: (r) => `03-${r.digits(3)}-${r.digits(4)}`,
  },
  {
    country: 'JP', city: 'Tokyo', subdivision: 'JP-13', locale: 'ja-JP',
    firstNames: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Yuto', 'Sakura', 'Kaito', 'Mei'],
    lastNames: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato'],
    streets: ['Omotesando', 'Meiji-dori', 'Aoyama-dori', 'Yasukuni-dori'],
    postal: (r) => `1${r.digits(2)}-${r.digits(4)}`, phone: (r) => `03-${r.digits(4)}-${r.digits(4)}`,
  },
  {
    country: 'BR', city: 'São Paulo', subdivision: 'BR-SP', locale: 'pt-BR',
    firstNames: ['Miguel', 'Alice', 'Arthur', 'Helena', 'Heitor', 'Laura', 'Bernardo', 'Valentina', 'Davi', 'Beatriz'],
    lastNames: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Costa', 'Ferreira', 'Almeida', 'Ribeiro'],
    streets: ['Avenida Paulista', 'Rua Augusta', 'Rua Oscar Freire', 'Avenida Faria Lima'],
    postal: (r) => `0${r.digits(4)}-${r.digits(3)}`, phone: (r) => `(11) 9${r.digits(4)}-${r.digits(4)}`,
  },
  {
    country: 'IN', city: 'Bengaluru', subdivision: 'IN-KA', locale: 'en-IN',
    firstNames: ['Aarav', 'Ananya', 'Vihaan', 'Diya', 'Arjun', 'Ishita', 'Rohan', 'Priya', 'Kabir', 'Meera'],
    lastNames: ['Sharma', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Rao', 'Menon', 'Kulkarni', 'Bhat', 'Shetty'],
    streets: ['MG Road', '100 Feet Road', 'Church Street', 'Residency Road'],
    postal: (r) => `560${r.digits(3)}`, phone: (r) => `080 ${r.digits(4)} ${r.digits(4)}`,
  },
  {
    country: 'CA', city: 'Toronto', subdivision: 'CA-ON', locale: 'en-CA',
    firstNames: ['Logan', 'Charlotte', 'Owen', 'Abigail', 'Nathan', 'Zoe', 'Hunter', 'Avery', 'Dylan', 'Leah'],
    lastNames: ['Tremblay', 'Gagnon', 'Roy', 'Campbell', 'MacDonald', 'Fraser', 'Singh', 'Leblanc', 'Stewart', 'Murray'],
    streets: ['Queen Street West', 'Yonge Street', 'Spadina Avenue', 'Danforth Avenue'],
    postal: (r) => `M${r.int(1, 9)}${r.pick(['A', 'K', 'V', 'J'])} ${r.int(1, 9)}${r.pick(['B', 'C', 'E', 'T'])}${r.int(1, 9)}`,
    phone: (r) => `(416) 555-01${r.digits(2)}`,
  },
  {
    country: 'AU', city: 'Sydney', subdivision: 'AU-NSW', locale: 'en-AU',
    firstNames: ['Jack', 'Matilda', 'William', 'Ruby', 'Cooper', 'Evie', 'Charlie', 'Ivy', 'Archie', 'Willow'],
    lastNames: ['Wilson', 'Kelly', "O'Brien", 'Ryan', 'Bennett', 'Harris', 'Morgan', 'Ward', 'Baker', 'Cook'],
    streets: ['George Street', 'Oxford Street', 'King Street', 'Crown Street'],
    postal: (r) => `20${r.digits(2)}`, phone: (r) => `02 9${r.digits(3)} ${r.digits(4)}`,
  },
  {
    country: 'ES', city: 'Madrid', subdivision: 'ES-MD', locale: 'es-ES',
    firstNames: ['Lucía', 'Martín', 'Sofía', 'Pablo', 'Martina', 'Álvaro', 'Carmen', 'Diego', 'Elena', 'Javier'],
    lastNames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Sánchez', 'Romero', 'Navarro', 'Torres', 'Ruiz'],
    streets: ['Gran Vía', 'Calle de Alcalá', 'Calle Mayor', 'Paseo del Prado'],
    postal: (r) => `280${r.digits(2)}`, phone: (r) => `91 ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`,
  },
];

const COMPANIES = [
  'Northwind Traders', 'Blue Harbor Labs', 'Acme Logistics', 'Lumen Health', 'Atlas Robotics', 'Greenleaf Foods',
  'Brightline Media', 'Keystone Legal', 'Orbit Analytics', 'Silverpine Studio', 'Cobalt Energy', 'Fable & Co',
  'Meridian Bank', 'Tidewater Shipping', 'Quill Publishing', 'Redwood Architects',
] as const;

const TITLES = [
  'Product Manager', 'Software Engineer', 'Account Executive', 'Head of Design', 'Operations Lead', 'Data Scientist',
  'Marketing Director', 'Customer Success Manager', 'Founder', 'CFO', 'Recruiter', 'Architect', 'Editor', 'Nurse',
] as const;

const TEAMS = ['Platform', 'Growth', 'Partnerships', 'Research', 'Support', 'Finance'] as const;

const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').toLowerCase().replace(/[^a-z0-9]+/g, '');

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

const labelKey = (name: string): string => `custom.${slug(name)}`;

function birthdate(r: Rng): string {
  return `${r.int(1955, 2003)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

function personEmail(first: string, last: string, r: Rng, used: Set<string>): string {
  const domain = r.pick(['example.com', 'example.net', 'example.org', 'mail.example.com']);
  const base = r.pick([`${ascii(first)}.${ascii(last)}`, `${ascii(first)}${ascii(last).slice(0, 1)}`, `${ascii(first).slice(0, 1)}${ascii(last)}`]);
  let email = `${base}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${base}${n}@${domain}`;
  used.add(email);
  return email;
}

function oneContact(r: Rng, used: Set<string>): ContactInfo {
  const place = r.pick(PLACES);
  const first = r.pick(place.firstNames);
  const last = r.pick(place.lastNames);
  const info: ContactInfo = { name: { first, last }, locale: place.locale };
  const works = r.chance(0.75);
  const company = works ? r.pick(COMPANIES) : undefined;
  const emails: ContactEmail[] = [{ email: personEmail(first, last, r, used), tag: 'HOME', primary: true }];
  if (company !== undefined) {
    info.company = company;
    info.jobTitle = r.pick(TITLES);
    if (r.chance(0.4)) {
      const work = `${ascii(first)}.${ascii(last)}@${slug(company)}.example`;
      if (!used.has(work)) {
        used.add(work);
        emails.push({ email: work, tag: 'WORK', primary: false });
      }
    }
    if (r.chance(0.3)) info.extendedFields = { items: { 'custom.team': r.pick(TEAMS) } };
  }
  if (r.chance(0.92)) info.emails = { items: emails };
  const phones: ContactPhone[] = [{ phone: place.phone(r), countryCode: place.country, tag: 'MOBILE', primary: true }];
  if (r.chance(0.25)) phones.push({ phone: place.phone(r), countryCode: place.country, tag: 'WORK', primary: false });
  if (r.chance(0.85) || info.emails === undefined) info.phones = { items: phones };
  if (r.chance(0.6)) {
    info.addresses = {
      items: [{
        tag: r.chance(0.7) ? 'HOME' : 'WORK',
        address: {
          addressLine1: `${r.int(1, 240)} ${r.pick(place.streets)}`, city: place.city, subdivision: place.subdivision,
          country: place.country, postalCode: place.postal(r),
        },
      }],
    };
  }
  if (r.chance(0.4)) info.birthdate = birthdate(r);
  const labels = new Set<string>();
  const count = r.pick([0, 1, 1, 1, 2, 2, 3]);
  for (let i = 0; i < count; i++) labels.add(labelKey(r.pick(SAMPLE_LABELS)));
  if (labels.size > 0) info.labelKeys = { items: [...labels] };
  return info;
}

/**
 * `count` sample contacts; the same `seed` gives the same contacts.
 *
 * @example
 * ```ts
 * const infos = sampleContacts(200, 42);
 * ```
 */
export function sampleContacts(count: number, seed = 20240601): ContactInfo[] {
  const r = new Rng(seed);
  const used = new Set<string>();
  return Array.from({ length: count }, () => oneContact(r, used));
}

/** Where and as whom to seed. */
export interface SeedTarget {
  readonly url: string;
  readonly token: string;
}

async function call(target: SeedTarget, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(`${target.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text === '' ? undefined : JSON.parse(text) as unknown;
}

/**
 * True when the tenant has never had a contact (its change feed is empty: deleting every
 * contact leaves tombstones, so a tenant emptied by hand is not seeded again).
 */
export async function tenantIsEmpty(target: SeedTarget): Promise<boolean> {
  const page = await call(target, 'GET', '/contacts/v4/changes?limit=1') as { changes?: unknown[] };
  return (page.changes ?? []).length === 0;
}

/**
 * Creates the labels and `count` sample contacts, unless the tenant already has contacts.
 * Each create carries a stable `Idempotency-Key`, so an interrupted seed never duplicates.
 * Returns how many contacts were created.
 *
 * @example
 * ```ts
 * await seedTenant({ url: server.url, token: 'dev-token' }, 200);
 * ```
 */
export async function seedTenant(target: SeedTarget, count: number, seed?: number): Promise<number> {
  if (!(await tenantIsEmpty(target))) return 0;
  for (const displayName of SAMPLE_LABELS) await call(target, 'POST', '/contacts/v4/labels', { displayName });
  const infos = sampleContacts(count, seed);
  for (const [i, info] of infos.entries()) {
    await call(target, 'POST', '/contacts/v4/contacts', { info: infoToWire(info), allowDuplicates: true }, { 'Idempotency-Key': `seed-${seed ?? 'default'}-${i}` });
  }
  return infos.length;
}
