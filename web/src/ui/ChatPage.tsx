import { useEffect, useState } from "preact/hooks";
import { conversation } from "../state/conversation";
import { rooms } from "../state/rooms";
import { session } from "../state/session";
import { useStore } from "../state/store";
import { ConnectionStatus } from "./ConnectionStatus";
import { ContactPicker } from "./ContactPicker";
import { ConversationView } from "./ConversationView";
import { NewGroupDialog } from "./NewGroupDialog";
import { NotificationSwitch } from "./NotificationSwitch";
import { RoomFilter } from "./RoomFilter";
import { RoomList } from "./RoomList";
import { roleName } from "./words";

export function ChatPage() {
  useStore(session, rooms);
  const [picking, setPicking] = useState(false);
  const [grouping, setGrouping] = useState(false);
  const me = session.me!;
  const selectedId = rooms.selectedId;

  useEffect(() => {
    if (selectedId) void conversation.open(selectedId);
    else conversation.close();
  }, [selectedId]);

  return (
    <div class={selectedId ? "chat has-room" : "chat"}>
      <header class="top">
        <span class="me">
          {me.displayName} <span class="muted-text">{roleName(me.role)}</span>
        </span>
        <ConnectionStatus />
        <NotificationSwitch />
        <button type="button" class="link" onClick={() => session.signOut()}>
          Sign out
        </button>
      </header>
      <nav class="rooms" aria-label="Conversations">
        <div class="actions">
          <button type="button" onClick={() => setPicking(true)}>
            New chat
          </button>
          {session.mayCreateGroups && (
            <button type="button" onClick={() => setGrouping(true)}>
              New group
            </button>
          )}
        </div>
        <RoomFilter />
        <RoomList />
      </nav>
      <main class="conversation">
        {rooms.selected ? (
          <ConversationView room={rooms.selected} />
        ) : (
          <p class="placeholder">{rooms.notice || "Pick a conversation, or start a new chat."}</p>
        )}
      </main>
      {picking && <ContactPicker onClose={() => setPicking(false)} />}
      {grouping && <NewGroupDialog onClose={() => setGrouping(false)} />}
    </div>
  );
}
