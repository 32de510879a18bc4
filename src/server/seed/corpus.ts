/**
 * Hand-written corpora for the demo data: clinics, team, names, tags and prices. Every e-mail
 * domain is a reserved example domain and every phone number is fictional in form (GB numbers are
 * in Ofcom's drama ranges).
 */
import type { Rng } from './random';

export interface TeamMember {
  email: string;
  name: string;
  password: string;
  /** Memberships by clinic key. */
  roles: Partial<Record<ClinicKey, 'admin' | 'user'>>;
}

export type ClinicKey = 'glow' | 'radiance';

export const TEAM: TeamMember[] = [
  { email: 'admin@demo.local', name: 'Avery Morgan', password: 'demo-admin-1', roles: { glow: 'admin', radiance: 'admin' } },
  { email: 'staff@demo.local', name: 'Jordan Lee', password: 'demo-staff-1', roles: { glow: 'user' } },
  { email: 'priya@demo.local', name: 'Priya Shah', password: 'demo-staff-1', roles: { glow: 'user' } },
  { email: 'owner@radiance.local', name: 'Olivia Hart', password: 'demo-owner-1', roles: { radiance: 'admin' } },
  { email: 'tom@radiance.local', name: 'Tom Baker', password: 'demo-staff-1', roles: { radiance: 'user' } },
];

export interface Prices {
  consult: number;
  toxUnit: number;
  toxThreeAreas: number;
  lipFiller: number;
  cheekFiller: number;
  hydra: number;
  hydraPackage: number;
  laserSession: number;
  laserPackage: number;
  peel: number;
  microneedling: number;
  skinBooster: number;
  membership: number;
}

export interface Clinic {
  key: ClinicKey;
  name: string;
  timezone: string;
  country: 'US' | 'GB';
  locale: 'en-US' | 'en-GB';
  currency: 'USD' | 'GBP';
  seed: number;
  phone: string;
  email: string;
  website: string;
  fbPageId: string;
  igAccountId: string;
  skinBooster: string;
  lead: string;
  prices: Prices;
  lastNames: string[];
  /** The n-th contact's phone number, E.164 (the caller retries on a repeat). */
  contactPhone(n: number, rng: Rng): string;
}

const US_AREA_CODES = ['212', '646', '917', '718', '347', '201', '973', '914', '516', '929'];

export const CLINICS: Clinic[] = [
  {
    key: 'glow',
    name: 'Glow Aesthetics Clinic',
    timezone: 'America/New_York',
    country: 'US',
    locale: 'en-US',
    currency: 'USD',
    seed: 0x61e57a,
    phone: '+12128470300',
    email: 'hello@glow.example.com',
    website: 'https://glow.example.com',
    fbPageId: '104729385610234',
    igAccountId: '17841402938475610',
    skinBooster: 'Skinvive',
    lead: 'Dr. Elena Ruiz',
    prices: {
      consult: 50,
      toxUnit: 14,
      toxThreeAreas: 560,
      lipFiller: 750,
      cheekFiller: 850,
      hydra: 225,
      hydraPackage: 600,
      laserSession: 150,
      laserPackage: 750,
      peel: 175,
      microneedling: 350,
      skinBooster: 495,
      membership: 149,
    },
    lastNames: [
      'Johnson', 'Williams', 'Garcia', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Nguyen', 'Tran',
      'Kim', 'Park', 'Chen', 'Wang', 'Patel', 'Gupta', 'Singh', 'Khan', 'Okafor', 'Adeyemi',
      'Washington', 'Jackson', 'Robinson', 'Coleman', 'Brooks', 'Rivera', 'Cruz', 'Morales', 'Santos', 'Silva',
      'Rossi', 'Romano', 'Cohen', 'Levy', 'Goldberg', 'Murphy', "O'Connor", 'Sullivan', 'Novak', 'Kowalski',
      'Ivanova', 'Yamamoto', 'Tanaka', 'Haddad', 'Nasser', 'Mensah', 'Diallo', 'Schwartz', 'Castillo', 'Reyes',
    ],
    contactPhone: (_n, rng) => {
      // Exchange 200–999, never 555 (fictional-only) or an N11 service code.
      let exchange = rng.int(200, 999);
      while (exchange === 555 || exchange % 100 === 11) exchange = rng.int(200, 999);
      return `+1${rng.pick(US_AREA_CODES)}${exchange}${String(rng.int(0, 9999)).padStart(4, '0')}`;
    },
  },
  {
    key: 'radiance',
    name: 'Radiance Med Spa',
    timezone: 'Europe/London',
    country: 'GB',
    locale: 'en-GB',
    currency: 'GBP',
    seed: 0x4ad1a7,
    phone: '+442079460321',
    email: 'reception@radiance.example.org',
    website: 'https://radiance.example.org',
    fbPageId: '110293847561029',
    igAccountId: '17841455512093847',
    skinBooster: 'Profhilo',
    lead: 'Dr. Hannah Okoye',
    prices: {
      consult: 30,
      toxUnit: 5,
      toxThreeAreas: 299,
      lipFiller: 280,
      cheekFiller: 395,
      hydra: 140,
      hydraPackage: 375,
      laserSession: 75,
      laserPackage: 360,
      peel: 95,
      microneedling: 220,
      skinBooster: 350,
      membership: 89,
    },
    lastNames: [
      'Smith', 'Jones', 'Taylor', 'Evans', 'Hughes', 'Davies', 'Roberts', 'Clarke', 'Wright', 'Edwards',
      'Bennett', 'Hall', 'Begum', 'Chowdhury', 'Mistry', 'Patel', 'Ahmed', 'Hussain', 'Osei', 'Boateng',
      'Campbell', 'Stewart', 'MacDonald', 'Fraser', 'Kelly', 'Walsh', 'Byrne', 'Nowak', 'Kaur', 'Sandhu',
      'Adeleke', 'Owusu', 'Francis', 'Morgan', 'Price', 'Lewis', 'Ward', 'Khan', 'Ali', 'Malik',
      'Costa', 'Ferreira', 'Moretti', 'Nielsen', 'Lindqvist', 'Popescu', 'Dimitrov', 'Zhou', 'Lam', 'Wong',
    ],
    // Ofcom reserves 07700 900000–900999 for drama: never a real handset.
    contactPhone: (n) => `+447700900${String(100 + n * 7).padStart(3, '0')}`,
  },
];

export const FIRST_NAMES = [
  'Sophia', 'Olivia', 'Mia', 'Aaliyah', 'Priyanka', 'Mei', 'Yuki', 'Fatima', 'Amara', 'Chiamaka',
  'Isabella', 'Camila', 'Valentina', 'Lucía', 'Maya', 'Zara', 'Leila', 'Noor', 'Hana', 'Grace',
  'Chloé', 'Emma', 'Ava', 'Harper', 'Madison', 'Brooke', 'Jasmine', 'Keisha', 'Nia', 'Imani',
  'Ayesha', 'Sana', 'Anjali', 'Divya', 'Ji-woo', 'Seo-yeon', 'Lin', 'Linh', 'Thu', 'Ana',
  'Gabriela', 'Rosa', 'Marisol', 'Daniela', 'Sofía', 'Elena', 'Natalia', 'Irina', 'Ingrid', 'Freya',
  'Siobhán', 'Niamh', 'Aoife', 'Erin', 'Hannah', 'Rachel', 'Leah', 'Miriam', 'Esther', 'Bianca',
  'Francesca', 'Giulia', 'Renée', 'Tiana', 'Simone', 'Naomi', 'Kemi', 'Ama', 'Layla', 'Yasmin',
  'Marcus', 'Daniel', 'James', 'André', 'Carlos', 'Raj', 'Kenji', 'Omar', 'David', 'Ethan', 'Liam', 'Tariq',
];

export const TAGS = ['botox', 'filler', 'vip', 'new-lead', 'membership', 'laser', 'hydrafacial', 'skincare'];
export const SOURCES = ['website', 'instagram', 'facebook', 'referral', 'walk-in', 'google', 'phone'];
export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/** The local part of an e-mail address for a name: lower case ASCII letters only. */
export function emailLocal(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** "$1,600" or, with cents, "$1,600.00". */
export function money(clinic: Clinic, amount: number, cents = false): string {
  const symbol = clinic.currency === 'USD' ? '$' : '£';
  const digits = cents ? 2 : 0;
  return `${symbol}${amount.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}
