import type { Message } from "@chat/client";
import { useState } from "preact/hooks";
import { conversation } from "../state/conversation";
import { session } from "../state/session";
import { timeOf } from "./words";

/** One message; the person's own can be edited and deleted; a deleted one stays as a tombstone. */
export function MessageItem({ message: m, canWrite }: { message: Message; canWrite: boolean }) {
  const mine = m.senderId === session.me?.id;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(m.text);

  if (m.deleted) {
    return (
      <li class={mine ? "message mine tombstone" : "message tombstone"} data-seq={String(m.seq)}>
        <div class="meta">
          <span class="sender">{mine ? "You" : m.senderDisplayName}</span>
          <time>{timeOf(m.createTime)}</time>
        </div>
        <em>This message was deleted.</em>
      </li>
    );
  }

  const save = async () => {
    if (!text.trim()) return;
    if (text === m.text || (await conversation.edit(m.seq, text))) setEditing(false);
  };

  return (
    <li class={mine ? "message mine" : m.system ? "message system" : "message"} data-seq={String(m.seq)}>
      <div class="meta">
        <span class="sender">{mine ? "You" : m.senderDisplayName}</span>
        {m.system && <span class="system-mark">system message</span>}
        <time>{timeOf(m.createTime)}</time>
        {m.editTime && <span class="muted-text">(edited)</span>}
      </div>
      {editing ? (
        <form
          class="edit"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label class="visually-hidden" for={`edit-${m.seq}`}>
            Edit your message
          </label>
          <textarea
            id={`edit-${m.seq}`}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                void save();
              } else if (e.key === "Escape") {
                setEditing(false);
              }
            }}
            ref={(el) => el?.focus()}
          />
          <button type="submit">Save</button>
          <button type="button" class="link" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <p class="text">{m.text}</p>
      )}
      {mine && canWrite && !editing && (
        <div class="own-actions">
          <button
            type="button"
            class="link"
            aria-label="Edit this message"
            onClick={() => {
              setText(m.text);
              setEditing(true);
            }}
          >
            Edit
          </button>
          <button
            type="button"
            class="link"
            aria-label="Delete this message"
            onClick={() => {
              if (confirm("Delete this message? Others will see that it was deleted.")) void conversation.remove(m.seq);
            }}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
