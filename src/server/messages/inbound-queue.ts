/**
 * Group commit for inbound provider messages. A webhook hands its message to the queue and waits;
 * the queue writes whatever has gathered in one transaction (messages/inbound-batch.ts) and
 * answers every waiter only after COMMIT, so a provider is acknowledged only for what is durable.
 * Nothing waits on a timer: while one batch commits the next gathers, so a lone message goes at
 * once and a burst shares transactions (one event-log lock, one WAL flush per batch).
 *
 * A batch that fails is retried one message per transaction, so one bad message fails only its
 * own webhook (the provider retries it) and never its neighbours.
 */
import type { Pool } from '../db/pool';
import { withTx } from '../db/tx';
import type { InboundEnvelope, IngestResult } from './envelope';
import { recordInboundBatch } from './inbound-batch';

interface Waiting {
  item: InboundEnvelope;
  resolve: (r: IngestResult) => void;
  reject: (e: unknown) => void;
}

export class InboundQueue {
  private waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly pool: Pool,
    private readonly opts: { maxBatch: number; maxInFlight: number } = { maxBatch: 250, maxInFlight: 2 },
  ) {}

  submit(item: InboundEnvelope): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.opts.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.opts.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    // A provider id twice in one batch (a retry racing the original) is written once; both hear the same.
    const byId = new Map<string, Waiting[]>();
    for (const w of batch) {
      const k = `${w.item.locationId}|${w.item.provider}|${w.item.providerMessageId}`; // the unique provider id
      byId.set(k, [...(byId.get(k) ?? []), w]);
    }
    const groups = [...byId.values()];
    try {
      const results = await this.write(groups.map((g) => g[0].item));
      groups.forEach((g, i) => g.forEach((w) => w.resolve(results[i])));
    } catch (err) {
      if (groups.length === 1) {
        groups[0].forEach((w) => w.reject(err));
        return;
      }
      // One at a time, in arrival order (a contact's messages keep their order in the thread).
      for (const g of groups) {
        try {
          const [result] = await this.write([g[0].item]);
          g.forEach((w) => w.resolve(result));
        } catch (e) {
          g.forEach((w) => w.reject(e));
        }
      }
    }
  }

  /** One transaction (withTx runs it again after a deadlock). */
  private write(items: InboundEnvelope[]): Promise<IngestResult[]> {
    return withTx(this.pool, (tx) => recordInboundBatch(tx, items));
  }
}
