import { notifier } from "../state/notifier";
import { useStore } from "../state/store";

/** Asks for browser notifications once the person wants them; says when they are on or blocked. */
export function NotificationSwitch() {
  useStore(notifier);
  switch (notifier.permission) {
    case "default":
      return (
        <button type="button" class="link" onClick={() => void notifier.ask()}>
          Turn on notifications
        </button>
      );
    case "granted":
      return <span class="muted-text">Notifications on</span>;
    case "denied":
      return <span class="muted-text">Notifications blocked in this browser</span>;
    default:
      return null;
  }
}
