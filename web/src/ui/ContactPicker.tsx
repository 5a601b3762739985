import type { Contact } from "@chat/client";
import { useState } from "preact/hooks";
import { inWords } from "../api";
import { rooms } from "../state/rooms";
import { Dialog } from "./Dialog";
import { useContacts } from "./useContacts";

/** Employees and customers apart; picking someone opens (or reopens) the direct room. */
export function ContactPicker({ onClose }: { onClose: () => void }) {
  const [prefix, setPrefix] = useState("");
  const [error, setError] = useState("");
  const found = useContacts(prefix);

  const open = async (c: Contact) => {
    try {
      await rooms.openDirect(c.userId);
      onClose();
    } catch (err) {
      setError(inWords(err));
    }
  };

  return (
    <Dialog title="New chat" onClose={onClose}>
      <label for="contact-search">Find a person</label>
      <input
        id="contact-search"
        type="search"
        value={prefix}
        onInput={(e) => setPrefix(e.currentTarget.value)}
        placeholder="Name starts with…"
      />
      {(error || found.error) && (
        <p class="error" role="alert">
          {error || found.error}
        </p>
      )}
      <ContactSection title="Employees" people={found.employees} loading={found.loading} onPick={open} detail={(c) => c.department} />
      <ContactSection title="Customers" people={found.customers} loading={found.loading} onPick={open} detail={(c) => c.organization} />
    </Dialog>
  );
}

export function ContactSection(props: {
  title: string;
  people: Contact[];
  loading: boolean;
  onPick: (c: Contact) => void;
  detail: (c: Contact) => string;
}) {
  const id = `contacts-${props.title.toLowerCase()}`;
  if (!props.loading && props.people.length === 0) return null;
  return (
    <section class="contacts" aria-labelledby={id} data-section={props.title.toLowerCase()}>
      <h3 id={id}>
        <span aria-hidden="true">{props.title === "Customers" ? "👤" : "💼"}</span> {props.title}
      </h3>
      {props.loading ? (
        <p class="hint">Loading…</p>
      ) : (
        <ul>
          {props.people.map((c) => (
            <li key={c.userId}>
              <button type="button" onClick={() => props.onPick(c)}>
                {c.displayName} <span class="muted-text">{props.detail(c)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
