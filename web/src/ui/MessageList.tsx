import type { RoomView } from "@chat/client";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { conversation } from "../state/conversation";
import { useStore } from "../state/store";
import { MessageItem } from "./MessageItem";

const NEAR_PX = 80;

/**
 * The history, oldest at the top. Scrolling to the top loads the page before; new messages keep
 * the view at the bottom if it was there; reading the bottom moves the read cursor.
 */
export function MessageList({ room }: { room: RoomView }) {
  useStore(conversation);
  const box = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const heightBefore = useRef(0);
  const firstSeqBefore = useRef<bigint | undefined>(undefined);
  const list = conversation.list;
  const firstSeq = list[0]?.seq;

  // Keep the place when older messages are prepended, and the bottom when new ones arrive.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (firstSeqBefore.current !== undefined && firstSeq !== undefined && firstSeq < firstSeqBefore.current) {
      el.scrollTop += el.scrollHeight - heightBefore.current;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    heightBefore.current = el.scrollHeight;
    firstSeqBefore.current = firstSeq;
    readIfSeen();
  });

  useEffect(() => {
    atBottom.current = true;
    firstSeqBefore.current = undefined;
  }, [room.roomId]);

  useEffect(() => {
    const onVisible = () => readIfSeen();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
    };
  }, []);

  function readIfSeen() {
    if (atBottom.current && document.visibilityState === "visible" && !conversation.loading) conversation.markRead();
  }

  const onScroll = () => {
    const el = box.current!;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_PX;
    if (el.scrollTop < NEAR_PX && conversation.hasOlder && !conversation.loading) {
      heightBefore.current = el.scrollHeight;
      void conversation.loadOlder();
    }
    readIfSeen();
  };

  return (
    <ol class="messages" ref={box} onScroll={onScroll} aria-label={`Messages with ${room.displayName}`} aria-live="polite" tabIndex={0}>
      {conversation.hasOlder && (
        <li class="older">
          <button type="button" class="link" disabled={conversation.loading} onClick={() => void conversation.loadOlder()}>
            {conversation.loading ? "Loading…" : "Load earlier messages"}
          </button>
        </li>
      )}
      {!conversation.loading && list.length === 0 && <li class="hint">No messages yet. Say hello.</li>}
      {list.map((m) => (
        <MessageItem key={String(m.seq)} message={m} canWrite={room.canSend} />
      ))}
    </ol>
  );
}
