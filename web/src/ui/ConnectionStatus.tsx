import { connection } from "../state/connection";
import { useStore } from "../state/store";

const SHOWN = {
  connecting: "Connecting…",
  live: "Connected",
  reconnecting: "Reconnecting…",
  stopped: "Offline",
} as const;

/** Always visible, announced politely when it changes. */
export function ConnectionStatus() {
  useStore(connection);
  return (
    <span class={`link-state ${connection.state}`} role="status" aria-live="polite" data-state={connection.state}>
      {SHOWN[connection.state]}
      {connection.state === "reconnecting" && connection.problem && (
        <span class="visually-hidden"> {connection.problem}</span>
      )}
    </span>
  );
}
