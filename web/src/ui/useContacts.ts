import type { Contact } from "@chat/client";
import { useEffect, useState } from "preact/hooks";
import { inWords } from "../api";
import { contactsByKind } from "../state/contacts";

export interface ContactsState {
  employees: Contact[];
  customers: Contact[];
  loading: boolean;
  error: string;
}

/** The contacts whose names start with the prefix, read again as the prefix changes. */
export function useContacts(prefix: string): ContactsState {
  const [state, setState] = useState<ContactsState>({ employees: [], customers: [], loading: true, error: "" });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      contactsByKind(prefix.trim())
        .then((r) => current && setState({ ...r, loading: false, error: "" }))
        .catch((err) => current && setState({ employees: [], customers: [], loading: false, error: inWords(err) }));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [prefix]);
  return state;
}
