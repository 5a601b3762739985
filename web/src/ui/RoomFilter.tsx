import { RoomKind } from "@chat/client";
import { rooms } from "../state/rooms";
import { useStore } from "../state/store";
import { KIND_NAMES } from "./words";

const KINDS = [RoomKind.UNSPECIFIED, RoomKind.CUSTOMER_CHAT, RoomKind.EMPLOYEE_CHAT, RoomKind.GROUP];

export function RoomFilter() {
  useStore(rooms);
  return (
    <div class="filter" role="group" aria-label="Show conversations">
      {KINDS.map((kind) => (
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
