import { useState } from "preact/hooks";
import { inWords } from "../api";
import { rooms } from "../state/rooms";
import { Dialog } from "./Dialog";
import { MemberChoice, toggled } from "./MemberChoice";
import { useContacts } from "./useContacts";

export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState(new Set<string>());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const found = useContacts("");

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await rooms.createGroup(name.trim(), [...chosen]);
      onClose();
    } catch (err) {
      setError(inWords(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="New group" onClose={onClose}>
      <form onSubmit={create}>
        <label for="group-name">Group name</label>
        <input id="group-name" value={name} maxLength={100} required onInput={(e) => setName(e.currentTarget.value)} />
        <MemberChoice found={found} chosen={chosen} onToggle={(id) => setChosen(toggled(chosen, id))} />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !name.trim()}>
          {busy ? "Creating…" : "Create group"}
        </button>
      </form>
    </Dialog>
  );
}
