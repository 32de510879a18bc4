/**
 * Demo timelines: scripts are laid out in time (replies minutes apart, separate stories days
 * apart), then written through recordMessage so the conversation rows stay consistent.
 */
import { CHANNEL_MESSAGE_TYPES, type MessageStatus } from '#shared/messages';
import type { Tx } from '../db/tx';
import { recordMessage } from '../messages/record';
import { money, type Clinic, type Prices } from './corpus';
import { Rng } from './random';
import { DAY, IN, type Ctx, type Person, type Script, type Step } from './steps';

export interface SeedContact {
  id: string;
  first: string;
  name: string;
  phone: string | null;
  email: string | null;
  psid: string;
  igsid: string;
}

export interface Planned {
  step: Step;
  at: Date;
}

export interface ThreadPlan {
  scripts: Script[];
  staff: Person;
  other: Person;
  /** Time of the last item; the first is never before `earliest`. */
  end: Date;
  earliest: Date;
  /** Cut the last story after its last inbound message: the contact awaits a reply. */
  awaitingReply: boolean;
  rng: Rng;
}

const MAX_ITEMS = 15;
const MINUTE_MS = 60_000;
const isChannel = (s: Step) => CHANNEL_MESSAGE_TYPES.includes(s.type);

function slotFormatter(clinic: Clinic, anchor: Date) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: clinic.timezone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(anchor);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const fmt = new Intl.DateTimeFormat(clinic.locale, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  // Local wall-clock time, computed in UTC so no offset arithmetic is needed; never on a Sunday.
  return (days: number, hour: number, minute = 0) => {
    let d = new Date(Date.UTC(get('year'), get('month') - 1, get('day') + days, hour, minute));
    if (d.getUTCDay() === 0) d = new Date(d.getTime() + DAY * 60_000);
    return fmt.format(d);
  };
}

function makeCtx(clinic: Clinic, contact: SeedContact, plan: ThreadPlan, anchor: Date, seed: number): Ctx {
  const p = Object.fromEntries(Object.entries(clinic.prices).map(([k, v]) => [k, money(clinic, v)])) as Record<keyof Prices, string>;
  return {
    clinic,
    first: contact.first,
    name: contact.name,
    staff: plan.staff,
    other: plan.other,
    p,
    money: (amount, cents) => money(clinic, amount, cents),
    loc: (us, gb) => (clinic.country === 'US' ? us : gb),
    slot: slotFormatter(clinic, anchor),
    rng: new Rng(seed),
  };
}

/** The hour (0–23) on the clinic's clock. */
export function clinicHour(clinic: Clinic, ms: number): number {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: clinic.timezone, hour: 'numeric', hourCycle: 'h23' });
  return Number(fmt.format(ms)) % 24;
}

/**
 * Item times, backwards from plan.end: each earlier story is moved to start in the clinic's
 * opening hours. A thread that does not fit after plan.earliest is squeezed evenly instead.
 */
function layOut(clinic: Clinic, plan: ThreadPlan, gaps: number[], storyStart: boolean[]): Date[] {
  const localHour = (ms: number) => clinicHour(clinic, ms);
  // Minutes from each item back to the start of its story.
  const intoStory: number[] = [];
  gaps.forEach((g, k) => intoStory.push(storyStart[k] ? 0 : intoStory[k - 1] + g));
  const times: number[] = new Array(gaps.length);
  let t = plan.end.getTime();
  for (let k = gaps.length - 1; k >= 0; k--) {
    times[k] = t;
    if (k === 0) break;
    // At least a second between items, so the thread order never depends on a tie.
    let g = Math.max(gaps[k] * MINUTE_MS, 1000);
    if (storyStart[k]) {
      const target = plan.rng.int(9, 18); // drawn every time, so later choices do not depend on the clock
      const h = localHour(t - g - intoStory[k - 1] * MINUTE_MS);
      if (h < 8 || h >= 20) g += ((h - target + 24) % 24) * 60 * MINUTE_MS;
    }
    t -= g;
  }
  if (times[0] < plan.earliest.getTime()) {
    const total = gaps.reduce((a, b) => a + b, 0) * MINUTE_MS;
    const scale = (plan.end.getTime() - plan.earliest.getTime()) / total;
    t = plan.end.getTime() - total * scale;
    gaps.forEach((g, k) => (times[k] = t += k === 0 ? 0 : Math.max(g * MINUTE_MS * scale, 1000)));
  }
  return times.map((ms) => new Date(Math.round(ms)));
}

/** Lays the scripts out in time and returns the items, oldest first. */
export function planThread(clinic: Clinic, contact: SeedContact, plan: ThreadPlan): Planned[] {
  const { rng } = plan;
  const scripts = [...plan.scripts];
  const seeds = scripts.map(() => rng.seed());
  // First pass: the steps (their number does not depend on the anchor) and the gaps between them.
  const drafts = scripts.map((s, i) => s.build(makeCtx(clinic, contact, plan, plan.end, seeds[i])));
  // Older stories go first when the thread would be too long.
  while (drafts.length > 1 && drafts.reduce((n, d) => n + d.length, 0) > MAX_ITEMS) {
    drafts.shift();
    scripts.shift();
    seeds.shift();
  }
  plan.scripts = scripts;
  const gaps: number[] = [];
  const storyStart: boolean[] = [];
  drafts.forEach((steps, i) =>
    steps.forEach((step, j) => {
      storyStart.push(j === 0);
      if (i === 0 && j === 0) gaps.push(0);
      else if (j === 0) gaps.push(step.after ?? rng.int(1, 12) * DAY + rng.int(0, 600));
      else gaps.push(step.after ?? rng.int(1, 40));
    }),
  );
  let keep = gaps.length;
  const last = drafts[drafts.length - 1];
  if (plan.awaitingReply) {
    const cut = last.findLastIndex((s) => s.direction === IN && isChannel(s));
    if (cut >= 0 && keep - (last.length - cut - 1) >= 2) keep -= last.length - cut - 1;
  }
  const times = layOut(clinic, plan, gaps.slice(0, keep), storyStart);
  // Second pass: the same scripts, with appointment times relative to when each story starts.
  const out: Planned[] = [];
  let k = 0;
  scripts.forEach((s, i) => {
    if (k >= keep) return;
    const steps = s.build(makeCtx(clinic, contact, plan, times[k], seeds[i]));
    for (const step of steps) if (k < keep) out.push({ step, at: times[k++] });
  });
  return out;
}

/** Unread count as a user would see it: the inbound messages since the team's last reply. */
export function trailingInbound(items: Planned[]): number {
  let n = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const s = items[i].step;
    if (!isChannel(s)) continue;
    if (s.direction !== IN) break;
    n++;
  }
  return n;
}

function defaultStatus(step: Step, rng: Rng): MessageStatus {
  if (step.direction === IN) return 'received';
  switch (step.type) {
    case 'TYPE_SMS':
      return rng.chance(0.85) ? 'delivered' : 'sent';
    case 'TYPE_EMAIL':
      return rng.pick(['sent', 'delivered', 'delivered', 'read'] as const);
    case 'TYPE_WHATSAPP':
    case 'TYPE_FACEBOOK':
    case 'TYPE_INSTAGRAM':
      return rng.chance(0.7) ? 'read' : 'delivered';
    case 'TYPE_LIVE_CHAT':
      return 'read';
    default:
      return 'sent';
  }
}

function html(body: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return body
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Writes a planned thread; returns the conversation id. */
export async function writeThread(
  tx: Tx,
  locationId: string,
  clinic: Clinic,
  contact: SeedContact,
  plan: ThreadPlan,
  items: Planned[],
): Promise<string> {
  const { rng } = plan;
  const mediaId = rng.digits(17);
  let lastCommentId = '';
  let reviewId = '';
  let conversationId = '';
  const chatPage = `${clinic.website}/${rng.pick(['membership', 'prices', 'treatments', ''])}`;
  for (const { step, at } of items) {
    const inbound = step.direction === IN;
    const author = step.byOther ? plan.other : plan.staff;
    const pair = (mine: string | null, theirs: string | null) => (inbound ? { from: theirs, to: mine } : { from: mine, to: theirs });
    let channel: Record<string, unknown> = {};
    let meta: Record<string, unknown> = {};
    switch (step.type) {
      case 'TYPE_SMS':
      case 'TYPE_WHATSAPP':
        channel = pair(clinic.phone, contact.phone);
        break;
      case 'TYPE_CALL':
        channel = pair(clinic.phone, contact.phone);
        meta = { duration: step.duration ?? 0, recordingUrl: null };
        break;
      case 'TYPE_EMAIL': {
        const to = inbound ? clinic.email : contact.email;
        channel = { from: inbound ? contact.email : clinic.email, to: [to], cc: [], subject: step.subject };
        if (!inbound) channel.html = html(step.body ?? '');
        break;
      }
      case 'TYPE_FACEBOOK':
        channel = pair(clinic.fbPageId, contact.psid);
        break;
      case 'TYPE_INSTAGRAM':
        channel = pair(clinic.igAccountId, contact.igsid);
        break;
      case 'TYPE_INSTAGRAM_COMMENT': {
        const commentId = rng.digits(17);
        channel = pair(clinic.igAccountId, contact.igsid);
        meta = { mediaId, postId: mediaId, commentId, permalink: `https://www.instagram.com/p/${mediaId.slice(0, 11)}/` };
        if (!inbound) meta.parentCommentId = lastCommentId;
        lastCommentId = commentId;
        break;
      }
      case 'TYPE_REVIEW':
        channel = { source: 'google' };
        if (inbound) {
          reviewId = `AbFvOq${rng.digits(14)}`;
          meta = { starRating: step.stars ?? 5, reviewer: contact.name, reviewId };
        } else meta = { reviewId, reply: true };
        break;
      case 'TYPE_LIVE_CHAT':
        channel = { widget: 'website', pageUrl: chatPage };
        break;
      case 'TYPE_INTERNAL_COMMENT':
        meta = { mentions: step.mention ? [plan.other.id] : [] };
        break;
      default: {
        const a = step.activity!;
        meta = {
          action: a.action,
          summary: step.body,
          actor: a.system ? { type: 'system', name: a.system } : { type: 'user', id: author.id, name: author.name },
          ...(a.changes ? { changes: a.changes } : {}),
          ...a.record,
        };
      }
    }
    const system = step.activity?.system !== undefined;
    const { message } = await recordMessage(tx, {
      locationId,
      contactId: contact.id,
      messageType: step.type,
      direction: step.direction,
      status: step.status ?? defaultStatus(step, rng),
      body: step.body,
      channel,
      meta,
      userId: inbound || system ? null : author.id,
      createdAt: at,
    });
    conversationId = message.conversationId;
    if (step.error) {
      await tx.query('UPDATE messages SET error_code = $3, error_message = $4 WHERE location_id = $1 AND id = $2', [
        locationId,
        message.id,
        step.error.code,
        step.error.message,
      ]);
    }
  }
  return conversationId;
}
