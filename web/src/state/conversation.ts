// The open room's messages: the newest page first, older pages as the person scrolls up, live
// messages from the stream, and the read position sent as the person reads.
import { type Message, type SubscribeResponse } from "@chat/client";
import { inWords, messages as messageService } from "../api";
import { Store } from "./store";

const PAGE = 30;

class Conversation extends Store {
  roomId: string | undefined;
  /** By seq: a message seen twice (reply of a call and the stream) is kept once. */
  private readonly bySeq = new Map<bigint, Message>();
  olderToken = "";
  hasOlder = false;
  loading = false;
  error = "";
  private markedUpTo = 0n;
  private marking: Promise<void> | undefined;

  get list(): Message[] {
    return [...this.bySeq.values()].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  }

  get newestSeq(): bigint {
    let max = 0n;
    for (const seq of this.bySeq.keys()) if (seq > max) max = seq;
    return max;
  }

  async open(roomId: string): Promise<void> {
    this.roomId = roomId;
    this.bySeq.clear();
    this.olderToken = "";
    this.hasOlder = false;
    this.error = "";
    this.markedUpTo = 0n;
    this.loading = true;
    this.changed();
    try {
      const page = await messageService.listMessages({ roomId, pageSize: PAGE });
      if (this.roomId !== roomId) return;
      for (const m of page.messages) this.keep(m);
      this.olderToken = page.nextPageToken;
      this.hasOlder = page.nextPageToken !== "";
    } catch (err) {
      if (this.roomId === roomId) this.error = inWords(err);
    } finally {
      if (this.roomId === roomId) {
        this.loading = false;
        this.changed();
      }
    }
  }

  close(): void {
    this.roomId = undefined;
    this.bySeq.clear();
    this.changed();
  }

  /** Loads the page before the oldest message shown. */
  async loadOlder(): Promise<void> {
    const roomId = this.roomId;
    if (!roomId || !this.hasOlder || this.loading) return;
    this.loading = true;
    this.changed();
    try {
      const page = await messageService.listMessages({ roomId, pageSize: PAGE, pageToken: this.olderToken });
      if (this.roomId !== roomId) return;
      for (const m of page.messages) this.keep(m);
      this.olderToken = page.nextPageToken;
      this.hasOlder = page.nextPageToken !== "";
    } catch (err) {
      this.error = inWords(err);
    } finally {
      this.loading = false;
      this.changed();
    }
  }

  /** Applies a new stream event of the open room. */
  apply(ev: SubscribeResponse): void {
    if (ev.roomId !== this.roomId) return;
    const e = ev.event;
    if (e.case === "messageCreated" || e.case === "messageEdited" || e.case === "messageDeleted") {
      if (e.value.message) {
        this.keep(e.value.message);
        this.changed();
      }
    }
  }

  /** Sends; the answer shows the message at once, the stream's copy of it is the same seq. */
  async send(text: string): Promise<boolean> {
    const roomId = this.roomId;
    if (!roomId) return false;
    return this.attempt(async () => {
      const res = await messageService.sendMessage({ roomId, text, requestId: crypto.randomUUID() });
      if (res.message && this.roomId === roomId) this.keep(res.message);
    });
  }

  async edit(seq: bigint, text: string): Promise<boolean> {
    const roomId = this.roomId;
    if (!roomId) return false;
    return this.attempt(async () => {
      const res = await messageService.editMessage({ roomId, seq, text });
      if (res.message && this.roomId === roomId) this.keep(res.message);
    });
  }

  async remove(seq: bigint): Promise<boolean> {
    const roomId = this.roomId;
    if (!roomId) return false;
    return this.attempt(async () => {
      const res = await messageService.deleteMessage({ roomId, seq });
      if (res.message && this.roomId === roomId) this.keep(res.message);
    });
  }

  /** Moves the read cursor to the newest message shown, once per new message. */
  markRead(): void {
    const roomId = this.roomId;
    const seq = this.newestSeq;
    if (!roomId || seq <= this.markedUpTo || this.marking) return;
    this.markedUpTo = seq;
    // The answer is not needed: the ReadCursorMoved event updates this tab and every other tab.
    this.marking = messageService
      .markRead({ roomId, seq })
      .then(() => undefined)
      .catch(() => {
        this.markedUpTo = 0n; // try again on the next look
      })
      .finally(() => {
        this.marking = undefined;
        if (this.newestSeq > this.markedUpTo && document.visibilityState === "visible") this.markRead();
      });
  }

  dismissError(): void {
    this.error = "";
    this.changed();
  }

  private keep(m: Message): void {
    const known = this.bySeq.get(m.seq);
    // An older copy (a page read before an edit arrived) never overwrites a newer state.
    if (known && version(known) > version(m)) return;
    this.bySeq.set(m.seq, m);
  }

  private async attempt(call: () => Promise<void>): Promise<boolean> {
    this.error = "";
    try {
      await call();
      return true;
    } catch (err) {
      this.error = inWords(err);
      return false;
    } finally {
      this.changed();
    }
  }
}

/** How far a message has come: deleted beats edited beats sent, later edits beat earlier ones. */
function version(m: Message): number {
  if (m.deleted) return Number.MAX_SAFE_INTEGER;
  return m.editTime ? Number(m.editTime.seconds) * 1000 + m.editTime.nanos / 1e6 : 0;
}

export const conversation = new Conversation();
