import type { RoomView } from "@chat/client";
import { useEffect, useRef, useState } from "preact/hooks";
import { conversation } from "../state/conversation";

/** Enter sends, Shift+Enter starts a new line. What was typed stays if sending fails. */
export function Composer({ room }: { room: RoomView }) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setText("");
    ref.current?.focus();
  }, [room.roomId]);

  const send = async () => {
    if (!text.trim() || sending) return;
    setSending(true);
    const sent = await conversation.send(text);
    setSending(false);
    if (sent) setText("");
    ref.current?.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label for="composer" class="visually-hidden">
        Message to {room.displayName}
      </label>
      <textarea
        id="composer"
        ref={ref}
        rows={2}
        value={text}
        readOnly={sending}
        aria-busy={sending}
        placeholder={`Message ${room.displayName}`}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <button type="submit" disabled={sending || !text.trim()}>
        Send
      </button>
    </form>
  );
}
