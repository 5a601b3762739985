import type { Contact } from "@chat/client";
import type { ContactsState } from "./useContacts";

/** Checkboxes for people to add to a group, employees and customers apart. */
export function MemberChoice(props: {
  found: ContactsState;
  chosen: Set<string>;
  exclude?: Set<string>;
  onToggle: (userId: string) => void;
}) {
  const part = (title: string, people: Contact[], detail: (c: Contact) => string) => {
    const shown = people.filter((c) => !props.exclude?.has(c.userId));
    if (shown.length === 0) return null;
    return (
      <fieldset class="member-choice">
        <legend>{title}</legend>
        {shown.map((c) => (
          <label key={c.userId} class="check">
            <input type="checkbox" checked={props.chosen.has(c.userId)} onChange={() => props.onToggle(c.userId)} />
            {c.displayName} <span class="muted-text">{detail(c)}</span>
          </label>
        ))}
      </fieldset>
    );
  };
  if (props.found.loading) return <p class="hint">Loading people…</p>;
  return (
    <>
      {props.found.error && (
        <p class="error" role="alert">
          {props.found.error}
        </p>
      )}
      {part("Employees", props.found.employees, (c) => c.department)}
      {part("Customers", props.found.customers, (c) => c.organization)}
    </>
  );
}

export function toggled(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}
