import { RoomKind, type RoomView } from "@chat/client";
import { useState } from "preact/hooks";
import { inWords } from "../api";
import { conversation } from "../state/conversation";
import { rooms } from "../state/rooms";
import { session } from "../state/session";
import { useStore } from "../state/store";
import { Composer } from "./Composer";
import { GroupSettings } from "./GroupSettings";
import { MessageList } from "./MessageList";
import { ReadOnlyBanner } from "./ReadOnlyBanner";
import { badgeOf, kindName } from "./words";

export function ConversationView({ room }: { room: RoomView }) {
  useStore(conversation);
  const [settings, setSettings] = useState(false);
  const [muteError, setMuteError] = useState("");

  const toggleMute = async () => {
    setMuteError("");
    try {
      await rooms.setMuted(room.roomId, !room.muted);
    } catch (err) {
      setMuteError(inWords(err));
    }
  };

  return (
    <section class="room-view" aria-labelledby="room-title">
      <header class="room-head">
        <button type="button" class="back link" onClick={() => rooms.select(undefined)} aria-label="Close this conversation">
          ←
        </button>
        <span class="icon" aria-hidden="true">
          {room.iconEmoji}
        </span>
        <div class="room-title">
          <h2 id="room-title">{room.displayName}</h2>
          <span class="badge">
            <span class="visually-hidden">{kindName(room.kind)}, </span>
            {badgeOf(room)}
          </span>
        </div>
        <button type="button" class="link" aria-pressed={room.muted} onClick={() => void toggleMute()}>
          {room.muted ? "Unmute" : "Mute"}
        </button>
        {room.kind === RoomKind.GROUP && (
          <button type="button" class="link" onClick={() => setSettings(true)}>
            Members
          </button>
        )}
      </header>
      {muteError && (
        <p class="error" role="alert">
          {muteError}
        </p>
      )}
      <MessageList room={room} />
      {conversation.error && (
        <p class="error" role="alert">
          {conversation.error}{" "}
          <button type="button" class="link" onClick={() => conversation.dismissError()}>
            Dismiss
          </button>
        </p>
      )}
      {room.canSend ? <Composer room={room} /> : <ReadOnlyBanner room={room} customer={session.isCustomer} />}
      {settings && <GroupSettings room={room} onClose={() => setSettings(false)} />}
    </section>
  );
}
