import type { ModelClass } from './model';

export type Receiver = (args: Record<string, unknown> & { sender: unknown; signal: Signal }) => unknown;

interface Connected {
  receiver: Receiver;
  sender: unknown;
  dispatch_uid: string | null;
}

/**
 * Django's Signal: receivers connected for any sender or one model, called
 * synchronously in connection order by send().
 *
 * @example
 * post_save.connect(({ instance, created }) => cache.delete('post-list'), { sender: Post })
 */
export class Signal {
  private receivers: Connected[] = [];

  constructor(readonly name: string) {}

  connect(receiver: Receiver, options: { sender?: unknown; dispatch_uid?: string; weak?: boolean } = {}): void {
    const sender = options.sender ?? null;
    const uid = options.dispatch_uid ?? null;
    const exists = this.receivers.some((r) => (uid !== null ? r.dispatch_uid === uid : r.receiver === receiver) && r.sender === sender);
    if (!exists) this.receivers.push({ receiver, sender, dispatch_uid: uid });
  }

  disconnect(receiver: Receiver | null = null, options: { sender?: unknown; dispatch_uid?: string } = {}): boolean {
    const sender = options.sender ?? null;
    const uid = options.dispatch_uid ?? null;
    const before = this.receivers.length;
    this.receivers = this.receivers.filter(
      (r) => !((uid !== null ? r.dispatch_uid === uid : r.receiver === receiver) && r.sender === sender),
    );
    return this.receivers.length !== before;
  }

  has_listeners(sender: unknown = null): boolean {
    return this.receivers.some((r) => r.sender === null || r.sender === sender);
  }

  /** Calls every matching receiver; returns `[receiver, response]` pairs. */
  send(sender: unknown, named: Record<string, unknown> = {}): [Receiver, unknown][] {
    const out: [Receiver, unknown][] = [];
    for (const r of this.receivers.slice()) {
      if (r.sender !== null && r.sender !== sender) continue;
      out.push([r.receiver, r.receiver({ ...named, sender, signal: this })]);
    }
    return out;
  }

  /** Removes every receiver (a fresh run starts with none). */
  clear(): void {
    this.receivers = [];
  }

  toString(): string {
    return `<Signal: ${this.name}>`;
  }
}

export const pre_init = new Signal('pre_init');
export const post_init = new Signal('post_init');
export const pre_save = new Signal('pre_save');
export const post_save = new Signal('post_save');
export const pre_delete = new Signal('pre_delete');
export const post_delete = new Signal('post_delete');
export const m2m_changed = new Signal('m2m_changed');

export const ALL_SIGNALS = [pre_init, post_init, pre_save, post_save, pre_delete, post_delete, m2m_changed];

/** Django's @receiver decorator as a function: `receiver(post_save, handler, { sender: Post })`. */
export function receiver(signal: Signal | Signal[], handler: Receiver, options: { sender?: ModelClass; dispatch_uid?: string } = {}): Receiver {
  for (const s of Array.isArray(signal) ? signal : [signal]) s.connect(handler, options);
  return handler;
}
