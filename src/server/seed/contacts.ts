/** Demo contacts of one location, and the story each one's conversation tells. */
import { EMAIL_DOMAINS, FIRST_NAMES, SOURCES, TEAM, emailLocal, type Clinic } from './corpus';
import type { Rng } from './random';
import { CLINIC_SCRIPTS } from './scripts-clinic';
import { DND_SCRIPTS, SOCIAL_SCRIPTS } from './scripts-social';
import type { Person, Script } from './steps';
import { clinicHour, planThread, type Planned, type SeedContact, type ThreadPlan } from './timeline';

export type DndKind = keyof typeof DND_SCRIPTS;

const CONTACTS = 60;
const WITH_CONVERSATION = 50;
/** Conversations whose last message arrived within the hour. */
const RECENT = 4;
const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;

export const DND_FIELDS: Record<DndKind, { dnd: boolean; settings: Record<string, unknown> }> = {
  stop: { dnd: false, settings: { SMS: { status: 'permanent', message: 'Opted out via STOP' } } },
  carrier: { dnd: false, settings: { SMS: { status: 'active', message: 'Carrier error 30003: unreachable destination handset' } } },
  unsubscribe: { dnd: false, settings: { Email: { status: 'active', message: 'Unsubscribed from marketing e-mails' } } },
  global: { dnd: true, settings: {} },
};

export interface ContactPlan extends SeedContact {
  last: string;
  tags: string[];
  source: string;
  dnd: DndKind | null;
  createdAt: Date;
  recent: boolean;
  thread: { plan: ThreadPlan; items: Planned[] } | null;
}

function fits(s: Script, c: { phone: string | null; email: string | null }): boolean {
  return (s.needs ?? []).every((n) => (n === 'phone' ? c.phone : c.email));
}

/**
 * Sixty contacts; the list order is random, so roles go by position: 0–3 have a DND story,
 * 4–8 have no e-mail, 9–10 no phone, and the last ten no conversation.
 */
export function planContacts(clinic: Clinic, people: Person[], rng: Rng, now: Date): ContactPlan[] {
  const names = new Set(TEAM.map((m) => m.name));
  const phones = new Set<string>();
  const emails = new Set<string>();
  const dndKinds = Object.keys(DND_SCRIPTS) as DndKind[];
  const contacts: ContactPlan[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    let first: string, last: string;
    do {
      first = rng.pick(FIRST_NAMES);
      last = rng.pick(clinic.lastNames);
    } while (names.has(`${first} ${last}`));
    names.add(`${first} ${last}`);
    let phone: string | null;
    do phone = clinic.contactPhone(i, rng);
    while (phones.has(phone));
    phones.add(phone);
    let email: string | null = `${emailLocal(first)}.${emailLocal(last)}@${rng.pick(EMAIL_DOMAINS)}`;
    if (emails.has(email)) email = email.replace('@', `${i}@`);
    emails.add(email);
    if (i >= 4 && i <= 8) email = null;
    if (i === 9 || i === 10) phone = null;
    contacts.push({
      id: '',
      first,
      last,
      name: `${first} ${last}`,
      phone,
      email,
      psid: rng.digits(16),
      igsid: rng.digits(17),
      tags: [],
      source: rng.pick(SOURCES),
      dnd: i < dndKinds.length ? dndKinds[i] : null,
      createdAt: new Date(now.getTime() - rng.int(1, 400) * DAY_MS - rng.int(0, 1439) * MINUTE),
      recent: false,
      thread: null,
    });
  }

  const general = [...CLINIC_SCRIPTS, ...SOCIAL_SCRIPTS];
  let deck: Script[] = [];
  const draw = (c: ContactPlan, taken: Script[]): Script | undefined => {
    // Deal from a shuffled deck so every story (and so every item type) is used.
    for (let tries = 0; tries < general.length * 2; tries++) {
      if (deck.length === 0) deck = rng.shuffle(general);
      const s = deck.shift()!;
      if (fits(s, c) && !taken.includes(s) && (!s.opener || taken.length === 0)) return s;
      deck.push(s);
    }
    return undefined;
  };

  const talking = contacts.slice(0, WITH_CONVERSATION);
  const recent = new Set(rng.shuffle(talking.filter((c) => !c.dnd)).slice(0, RECENT));
  const earliest = new Date(now.getTime() - 30 * DAY_MS);
  for (const c of talking) {
    const count = c.dnd ? rng.int(0, 1) : rng.pick([1, 1, 2, 2, 2, 3]);
    const scripts: Script[] = [];
    for (let k = 0; k < count; k++) {
      const s = draw(c, scripts);
      if (s) scripts.push(s);
    }
    if (c.dnd) scripts.push(DND_SCRIPTS[c.dnd]);
    c.recent = recent.has(c);
    let end = c.recent
      ? now.getTime() - rng.int(2, 55) * MINUTE
      : now.getTime() - 75 * MINUTE - Math.floor((30 * DAY_MS - 3 * 60 * MINUTE) * rng.next() ** 1.6);
    // Older threads end in the daytime, on the clinic's clock (drawn always: choices must not depend on the clock).
    const target = rng.int(10, 20);
    const hour = clinicHour(clinic, end);
    if (!c.recent && (hour < 9 || hour >= 21) && end - 12 * 60 * MINUTE > earliest.getTime()) end -= ((hour - target + 24) % 24) * 60 * MINUTE;
    const staff = rng.pick(people);
    const plan: ThreadPlan = {
      scripts,
      staff,
      other: rng.pick(people.filter((p) => p !== staff)),
      end: new Date(end),
      earliest,
      awaitingReply: c.recent || (!c.dnd && rng.chance(0.3)),
      rng,
    };
    const items = planThread(clinic, c, plan);
    c.thread = { plan, items };
    const firstScript = plan.scripts[0];
    if (firstScript.source) c.source = firstScript.source;
    const firstAt = items[0].at.getTime();
    // A contact who reached out through a form or social media was created just before.
    const fresh = firstScript.opener || firstScript.source === 'instagram' || firstScript.source === 'facebook';
    c.createdAt = new Date(firstAt - (fresh ? rng.int(1, 30) * MINUTE : rng.int(3, 400) * DAY_MS));
    c.tags = [...new Set(plan.scripts.map((s) => s.tag).filter((t): t is string => !!t))];
  }
  for (const c of contacts) if (rng.chance(0.12)) c.tags.push('vip');
  return contacts;
}
