/** Everything the simulator remembers, in memory. Changes are announced on `events`. */
import { EventEmitter } from 'node:events';
import type { Delivery, SimAccount, SimCall, SimMedia, SimMessage, SimRecording } from './types';

export interface FaultRule {
  status: number;
  remaining: number;
  /** A resource name (`Messages`, `Calls`, …); absent: every API call. */
  path?: string;
}

export interface DropRule {
  remaining: number;
  path?: string;
}

const MAX_DELIVERIES = 5000;

export class SimState {
  readonly accounts = new Map<string, SimAccount>();
  readonly messages: SimMessage[] = [];
  readonly calls: SimCall[] = [];
  readonly media = new Map<string, SimMedia>();
  readonly recordings = new Map<string, SimRecording>();
  readonly deliveries: Delivery[] = [];
  /** `${practiceNumber} ${clientNumber}` pairs opted out with STOP. */
  readonly optOuts = new Set<string>();
  faults: FaultRule[] = [];
  drops: DropRule[] = [];
  /** message, call, delivery, ring, ring-end */
  readonly events = new EventEmitter();
  /** Numbers with a phone page open (SSE subscribers), with their count. */
  readonly phones = new Map<string, number>();
  /** Calls ringing on a phone page: answer (true), decline (false), or stop ringing (cancel). */
  readonly rings = new Map<string, (answer: boolean | 'cancel') => void>();
  /** Calls in progress on a phone page: hang up. */
  readonly hangups = new Map<string, () => void>();

  constructor(accounts: SimAccount[] = []) {
    this.events.setMaxListeners(0);
    for (const a of accounts) this.addAccount(a);
  }

  addAccount(account: SimAccount): void {
    this.accounts.set(account.sid, { ...account, numbers: [...account.numbers] });
  }

  /** The account that owns a number. */
  ownerOf(number: string): SimAccount | undefined {
    for (const a of this.accounts.values()) if (a.numbers.includes(number)) return a;
    return undefined;
  }

  isOptedOut(practice: string, client: string): boolean {
    return this.optOuts.has(`${practice} ${client}`);
  }

  setOptOut(practice: string, client: string, out: boolean): void {
    if (out) this.optOuts.add(`${practice} ${client}`);
    else this.optOuts.delete(`${practice} ${client}`);
  }

  addMessage(m: SimMessage): void {
    this.messages.push(m);
    this.events.emit('message', m);
  }

  touchMessage(m: SimMessage): void {
    m.dateUpdated = new Date();
    this.events.emit('message', m);
  }

  addCall(c: SimCall): void {
    this.calls.push(c);
    this.events.emit('call', c);
  }

  touchCall(c: SimCall): void {
    c.dateUpdated = new Date();
    this.events.emit('call', c);
  }

  addDelivery(d: Delivery): void {
    this.deliveries.push(d);
    if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERIES);
    this.events.emit('delivery', d);
  }

  message(sid: string): SimMessage | undefined {
    return this.messages.find((m) => m.sid === sid);
  }

  call(sid: string): SimCall | undefined {
    return this.calls.find((c) => c.sid === sid);
  }

  messagesOf(number: string): SimMessage[] {
    return this.messages.filter((m) => m.from === number || m.to === number);
  }

  callsOf(number: string): SimCall[] {
    return this.calls.filter((c) => c.from === number || c.to === number);
  }

  phoneOpen(number: string): boolean {
    return (this.phones.get(number) ?? 0) > 0;
  }

  /** Forgets traffic, opt-outs and faults; keeps accounts and open phone pages. */
  reset(): void {
    this.messages.length = 0;
    this.calls.length = 0;
    this.deliveries.length = 0;
    this.media.clear();
    this.recordings.clear();
    this.optOuts.clear();
    this.faults = [];
    this.drops = [];
  }
}
