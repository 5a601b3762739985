// The person's rooms as they see them, kept current by the event stream, and the cursor per room
// (the last seq this tab has) that the stream resumes from.
import { create } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { type Message, MessagePreviewSchema, RoomCursorSchema, RoomKind, SubscribeRequestSchema, type RoomView, type SubscribeResponse } from "@chat/client";
import { rooms as roomService } from "../api";
import { session } from "./session";
import { Store } from "./store";

class Rooms extends Store {
  private readonly byId = new Map<string, RoomView>();
  private readonly cursors = new Map<string, bigint>();
  /**
   * How far the stream has told this tab about rooms joined and lost; sent when resuming so
   * that rooms joined or lost meanwhile are told first. Unknown until the first stream says.
   */
  private membershipPosition: bigint | undefined;
  loaded = false;
  filter: RoomKind = RoomKind.UNSPECIFIED;
  selectedId: string | undefined;
  /** Said once when the open room went away (left, removed). */
  notice = "";

  /** Reads every room once; the stream keeps them current from here on. */
  async load(): Promise<void> {
    const all: RoomView[] = [];
    let pageToken = "";
    do {
      const page = await roomService.listRooms({ pageSize: 200, pageToken });
      all.push(...page.rooms);
      pageToken = page.nextPageToken;
    } while (pageToken);
    this.byId.clear();
    this.cursors.clear();
    this.membershipPosition = undefined;
    for (const room of all) this.put(room);
    this.loaded = true;
    this.changed();
  }

  /**
   * Adds the rooms this tab does not know yet: ones joined while it was disconnected, or between
   * the first read and the stream's start (a stream only carries rooms it has cursors for or
   * hears of live).
   */
  async discover(): Promise<void> {
    let pageToken = "";
    do {
      const page = await roomService.listRooms({ pageSize: 200, pageToken });
      for (const room of page.rooms) if (!this.byId.has(room.roomId)) this.put(room);
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  clear(): void {
    this.byId.clear();
    this.cursors.clear();
    this.membershipPosition = undefined;
    this.loaded = false;
    this.selectedId = undefined;
    this.filter = RoomKind.UNSPECIFIED;
    this.changed();
  }

  get(roomId: string): RoomView | undefined {
    return this.byId.get(roomId);
  }

  get selected(): RoomView | undefined {
    return this.selectedId ? this.byId.get(this.selectedId) : undefined;
  }

  /** The rooms to list: the chosen kind, newest activity first. */
  get visible(): RoomView[] {
    return [...this.byId.values()]
      .filter((r) => this.filter === RoomKind.UNSPECIFIED || r.kind === this.filter)
      .sort((a, b) => activity(b) - activity(a));
  }

  /** The kinds of room the person has, for the filter. */
  get kinds(): Set<RoomKind> {
    return new Set([...this.byId.values()].map((r) => r.kind));
  }

  /** Unread messages in rooms the person has not muted: the page title count. */
  get unreadUnmuted(): number {
    let sum = 0;
    for (const r of this.byId.values()) if (!r.muted) sum += Number(r.unreadCount);
    return sum;
  }

  setFilter(kind: RoomKind): void {
    this.filter = kind;
    this.changed();
  }

  select(roomId: string | undefined): void {
    this.selectedId = roomId;
    this.notice = "";
    this.changed();
  }

  /** What to subscribe with: the last seq this tab has of every room, and the membership position. */
  subscribeRequest() {
    return create(SubscribeRequestSchema, {
      cursors: [...this.cursors].map(([roomId, seq]) => create(RoomCursorSchema, { roomId, seq })),
      membershipPosition: this.membershipPosition,
    });
  }

  async setMuted(roomId: string, muted: boolean): Promise<void> {
    const res = await roomService.setRoomMuted({ roomId, muted });
    if (res.room) this.put(res.room);
  }

  /** Opens (or reopens) the direct room with a person and selects it. */
  async openDirect(userId: string): Promise<void> {
    const res = await roomService.openDirectRoom({ userId });
    if (res.room) {
      this.put(res.room);
      this.select(res.room.roomId);
    }
  }

  async createGroup(name: string, memberUserIds: string[]): Promise<void> {
    const res = await roomService.createGroupRoom({ name, memberUserIds, requestId: crypto.randomUUID() });
    if (res.room) {
      this.put(res.room);
      this.select(res.room.roomId);
    }
  }

  async rename(roomId: string, name: string): Promise<void> {
    const res = await roomService.renameRoom({ roomId, name });
    if (res.room) this.put(res.room);
  }

  async addMembers(roomId: string, userIds: string[]): Promise<void> {
    const res = await roomService.addRoomMembers({ roomId, userIds });
    if (res.room) this.put(res.room);
  }

  async removeMember(roomId: string, userId: string): Promise<void> {
    const res = await roomService.removeRoomMember({ roomId, userId });
    if (res.room) this.put(res.room);
  }

  async leave(roomId: string): Promise<void> {
    await roomService.leaveRoom({ roomId });
    this.lost(roomId, "You left the group.");
  }

  /** A room that a call returned (opened, created, changed): shown at once, kept by the stream. */
  put(room: RoomView): void {
    const known = this.byId.get(room.roomId);
    if (known) keepNewer(known, room);
    this.byId.set(room.roomId, room);
    // Only a room new to this tab starts its cursor here. An answer to a call may be ahead of
    // the stream; moving a known room's cursor to it would skip the events in between.
    if (!this.cursors.has(room.roomId)) this.cursors.set(room.roomId, room.lastSeq);
    this.changed();
  }

  /**
   * Takes one stream event; answers false for a repeat (a seq at or below the room's cursor,
   * which the replay after a reconnect may resend), which the caller then ignores entirely.
   */
  accept(ev: SubscribeResponse): boolean {
    if (ev.membershipPosition > (this.membershipPosition ?? 0n)) this.membershipPosition = ev.membershipPosition;
    if (ev.seq === 0n) return true;
    const cursor = this.cursors.get(ev.roomId) ?? 0n;
    if (ev.seq <= cursor) return false;
    this.cursors.set(ev.roomId, ev.seq);
    return true;
  }

  /** Applies a new event to the room list. */
  apply(ev: SubscribeResponse): void {
    const e = ev.event;
    const known = this.byId.get(ev.roomId);
    // A view read from a call may already include this event (its last_seq is at or past it).
    const room = known && (ev.seq === 0n || ev.seq > known.lastSeq) ? known : undefined;
    switch (e.case) {
      case "roomCreated":
        if (e.value.room) this.put(e.value.room);
        return;
      case "messageCreated":
        if (room && e.value.message) this.newMessage(room, ev.seq, e.value.message);
        break;
      case "messageEdited":
      case "messageDeleted":
        if (room && e.value.message) this.changedMessage(room, ev.seq, e.value.message);
        break;
      case "readCursorMoved":
        if (known) {
          known.lastReadSeq = e.value.lastReadSeq;
          known.unreadCount = e.value.unreadCount;
        }
        break;
      case "memberRemoved":
        if (e.value.userId === session.me?.id) {
          this.lost(ev.roomId, e.value.actorId === e.value.userId ? "You left the group." : "You were removed from the group.");
          return;
        }
        void this.refresh(ev.roomId);
        break;
      case "memberAdded":
      case "roomRenamed":
        void this.refresh(ev.roomId);
        break;
      default:
        return;
    }
    this.changed();
  }

  private newMessage(room: RoomView, seq: bigint, m: Message): void {
    room.lastSeq = seq;
    room.lastMessage = create(MessagePreviewSchema, {
      seq: m.seq,
      senderId: m.senderId,
      senderDisplayName: m.senderDisplayName,
      text: m.text.slice(0, 200),
      deleted: m.deleted,
      createTime: m.createTime,
      system: m.system,
    });
    room.lastActivityTime = m.createTime;
    // The sender's own cursor moves with the send (a ReadCursorMoved follows); others gain one.
    if (m.senderId !== session.me?.id) room.unreadCount += 1n;
  }

  private changedMessage(room: RoomView, seq: bigint, m: Message): void {
    room.lastSeq = seq;
    if (room.lastMessage && room.lastMessage.seq === m.seq) {
      room.lastMessage = create(MessagePreviewSchema, {
        ...room.lastMessage,
        text: m.text.slice(0, 200),
        deleted: m.deleted,
      });
    }
  }

  /** Reads the room again after a membership change or rename (member count, name). */
  private async refresh(roomId: string): Promise<void> {
    try {
      const res = await roomService.getRoom({ roomId });
      if (res.room && this.byId.has(roomId)) this.put(res.room);
    } catch {
      // the room went away meanwhile; its MemberRemoved event says so
    }
  }

  private lost(roomId: string, why: string): void {
    this.byId.delete(roomId);
    if (this.selectedId === roomId) {
      this.selectedId = undefined;
      this.notice = why;
    }
    this.changed();
  }
}

/**
 * An answer to a call may have been read before events this tab already applied (a MarkRead
 * racing a SetRoomMuted): what the stream made newer stays.
 */
function keepNewer(known: RoomView, fresh: RoomView): void {
  const newerTimeline = known.lastSeq > fresh.lastSeq;
  if (newerTimeline) {
    fresh.lastSeq = known.lastSeq;
    fresh.lastMessage = known.lastMessage;
    fresh.lastActivityTime = known.lastActivityTime;
  }
  if (newerTimeline || known.lastReadSeq > fresh.lastReadSeq) {
    fresh.lastReadSeq = known.lastReadSeq;
    fresh.unreadCount = known.unreadCount;
  }
}

function activity(r: RoomView): number {
  return r.lastActivityTime ? timestampMs(r.lastActivityTime) : 0;
}

export const rooms = new Rooms();
