import type { RoomView } from "@chat/client";
import { rooms } from "../state/rooms";
import { session } from "../state/session";
import { useStore } from "../state/store";
import { badgeOf, kindName, timeOf } from "./words";

export function RoomList() {
  useStore(rooms);
  if (!rooms.loaded) return <p class="hint">Loading your conversations…</p>;
  const shown = rooms.visible;
  if (shown.length === 0) return <p class="hint">No conversations yet.</p>;
  return (
    <ul class="room-list">
      {shown.map((room) => (
        <li key={room.roomId}>
          <RoomItem room={room} selected={room.roomId === rooms.selectedId} />
        </li>
      ))}
    </ul>
  );
}

function RoomItem({ room, selected }: { room: RoomView; selected: boolean }) {
  const unread = Number(room.unreadCount);
  const badge = badgeOf(room);
  const last = lastLine(room);
  const label = [
    room.displayName,
    kindName(room.kind),
    badge,
    unread > 0 ? `${unread} unread` : "",
    room.muted ? "muted" : "",
    last ? `last message: ${last}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <button
      type="button"
      class={selected ? "room selected" : "room"}
      aria-current={selected ? "true" : undefined}
      aria-label={label}
      data-room-id={room.roomId}
      onClick={() => rooms.select(room.roomId)}
    >
      <span class="icon" aria-hidden="true">
        {room.iconEmoji}
      </span>
      <span class="room-text">
        <span class="room-name">{room.displayName}</span>
        {badge && <span class="badge">{badge}</span>}
        <span class="last">{last}</span>
      </span>
      <span class="room-side">
        <span class="when">{timeOf(room.lastActivityTime)}</span>
        {room.muted && (
          <span class="muted-mark" title="Muted">
            🔕
          </span>
        )}
        {unread > 0 && <span class={room.muted ? "unread quiet" : "unread"}>{unread}</span>}
      </span>
    </button>
  );
}

function lastLine(room: RoomView): string {
  const m = room.lastMessage;
  if (!m) return "";
  const who = m.senderId === session.me?.id ? "You" : m.senderDisplayName;
  return `${who}: ${m.deleted ? "message deleted" : m.text}`;
}
