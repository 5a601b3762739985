// Tells the person about messages for them: the page title count, and a browser notification
// when they allowed it. Only events the server flags with notify (someone else's, in a room not
// muted) raise anything, and nothing for the room the person is reading right now.
import type { SubscribeResponse } from "@chat/client";
import { rooms } from "./rooms";
import { Store } from "./store";

const TITLE = "Chat";

class Notifier extends Store {
  get permission(): NotificationPermission | "unsupported" {
    return "Notification" in window ? Notification.permission : "unsupported";
  }

  async ask(): Promise<void> {
    if (this.permission === "default") await Notification.requestPermission();
    this.changed();
  }

  /** Keeps the title count equal to the unread messages of rooms not muted. */
  watchTitle(): void {
    const update = () => {
      const n = rooms.unreadUnmuted;
      document.title = n > 0 ? `(${n}) ${TITLE}` : TITLE;
    };
    rooms.subscribe(update);
    update();
  }

  onEvent(ev: SubscribeResponse): void {
    if (!ev.notify || this.permission !== "granted") return;
    if (ev.event.case === "roomCreated" && ev.event.value.room) {
      const room = ev.event.value.room;
      this.show(`New conversation: ${room.displayName}`, "You were added to it.", ev.roomId);
      return;
    }
    if (ev.event.case !== "messageCreated" || !ev.event.value.message) return;
    const reading = rooms.selectedId === ev.roomId && document.visibilityState === "visible" && document.hasFocus();
    if (reading) return;
    const m = ev.event.value.message;
    const room = rooms.get(ev.roomId);
    const where = room && room.displayName !== m.senderDisplayName ? ` in ${room.displayName}` : "";
    this.show(`${m.senderDisplayName}${where}`, m.text, ev.roomId);
  }

  private show(title: string, body: string, roomId: string): void {
    const shown = new Notification(title, { body, tag: roomId });
    shown.onclick = () => {
      window.focus();
      rooms.select(roomId);
    };
  }
}

export const notifier = new Notifier();
