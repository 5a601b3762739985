import { RoomKind } from "@chat/client";
import { rooms } from "../state/rooms";
import { useStore } from "../state/store";
import { KIND_NAMES } from "./words";

const KINDS = [RoomKind.UNSPECIFIED, RoomKind.CUSTOMER_CHAT, RoomKind.EMPLOYEE_CHAT, RoomKind.GROUP];

export function RoomFilter() {
  useStore(rooms);
  // Only the kinds the person has (a customer has no customer chats), and the chosen one.
  const present = rooms.kinds;
  const shown = KINDS.filter((k) => k === RoomKind.UNSPECIFIED || k === rooms.filter || present.has(k));
  if (shown.length <= 2 && rooms.filter === RoomKind.UNSPECIFIED) return null;
  return (
    <div class="filter" role="group" aria-label="Show conversations">
      {shown.map((kind) => (
        <button
          key={kind}
          type="button"
          aria-pressed={rooms.filter === kind}
          onClick={() => rooms.setFilter(kind)}
        >
          {KIND_NAMES[kind]}
        </button>
      ))}
    </div>
  );
}
