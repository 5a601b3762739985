import type { RoomView } from "@chat/client";
import { readOnlyReason } from "./words";

/** In place of the composer where the person may no longer write, with the server's reason. */
export function ReadOnlyBanner({ room, customer }: { room: RoomView; customer: boolean }) {
  return (
    <p class="read-only" role="note">
      {readOnlyReason(room, customer)}
    </p>
  );
}
