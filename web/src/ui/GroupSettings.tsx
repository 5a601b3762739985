import { RoomRole, RoomService, type RoomView } from "@chat/client";
import { useState } from "preact/hooks";
import { inWords } from "../api";
import { rooms } from "../state/rooms";
import { session } from "../state/session";
import { Dialog } from "./Dialog";
import { MemberChoice, toggled } from "./MemberChoice";
import { useContacts } from "./useContacts";
import { roleName } from "./words";

/** Members, name and leaving of a group. The server decides; the page only hides what it refuses. */
export function GroupSettings({ room, onClose }: { room: RoomView; onClose: () => void }) {
  const me = session.me!;
  // The methods' access options say which roles may manage groups at all; among them, the
  // group's owner and the company's admins may manage this one (the design's rule).
  const manages =
    session.mayCall(RoomService.method.renameRoom) && (room.ownerId === me.id || session.isCompanyAdmin);
  const [name, setName] = useState(room.displayName);
  const [adding, setAdding] = useState(new Set<string>());
  const [error, setError] = useState("");
  const [done, setDone] = useState("");

  const act = async (what: () => Promise<void>, said: string): Promise<boolean> => {
    setError("");
    setDone("");
    try {
      await what();
      setDone(said);
      return true;
    } catch (err) {
      setError(inWords(err));
      return false;
    }
  };

  const members = new Set(room.participants.map((p) => p.userId));

  return (
    <Dialog title={`Group: ${room.displayName}`} onClose={onClose}>
      {manages && (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => rooms.rename(room.roomId, name.trim()), "Renamed.");
          }}
        >
          <label for="rename">Name</label>
          <input id="rename" value={name} maxLength={100} required onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" disabled={!name.trim() || name.trim() === room.displayName}>
            Rename
          </button>
        </form>
      )}
      <h3>Members ({room.participants.length})</h3>
      <ul class="members">
        {room.participants.map((p) => (
          <li key={p.userId}>
            {p.displayName}{" "}
            <span class="muted-text">
              {roleName(p.role)}
              {p.roomRole === RoomRole.OWNER ? ", owner" : ""}
              {p.active ? "" : ", inactive"}
            </span>
            {manages && p.roomRole !== RoomRole.OWNER && p.userId !== me.id && (
              <button
                type="button"
                class="link"
                aria-label={`Remove ${p.displayName}`}
                onClick={() => void act(() => rooms.removeMember(room.roomId, p.userId), `${p.displayName} removed.`)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {manages && <AddMembers roomId={room.roomId} members={members} adding={adding} setAdding={setAdding} act={act} />}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p class="hint" role="status">
          {done}
        </p>
      )}
      <button
        type="button"
        class="danger"
        onClick={() => {
          if (confirm(`Leave ${room.displayName}? You will no longer see this group.`)) {
            void act(() => rooms.leave(room.roomId), "").then((left) => left && onClose());
          }
        }}
      >
        Leave group
      </button>
    </Dialog>
  );
}

function AddMembers(props: {
  roomId: string;
  members: Set<string>;
  adding: Set<string>;
  setAdding: (s: Set<string>) => void;
  act: (what: () => Promise<void>, said: string) => Promise<boolean>;
}) {
  const found = useContacts("");
  return (
    <details>
      <summary>Add members</summary>
      <MemberChoice
        found={found}
        chosen={props.adding}
        exclude={props.members}
        onToggle={(id) => props.setAdding(toggled(props.adding, id))}
      />
      <button
        type="button"
        disabled={props.adding.size === 0}
        onClick={() =>
          void props.act(() => rooms.addMembers(props.roomId, [...props.adding]), "Members added.").then((ok) => ok && props.setAdding(new Set()))
        }
      >
        Add
      </button>
    </details>
  );
}
