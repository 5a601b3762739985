import { useEffect } from "preact/hooks";
import { connection } from "../state/connection";
import { conversation } from "../state/conversation";
import { rooms } from "../state/rooms";
import { session } from "../state/session";
import { useStore } from "../state/store";
import { ChatPage } from "./ChatPage";
import { SignIn } from "./SignIn";

export function App() {
  useStore(session);
  const signedIn = session.me !== undefined;

  // Signed in: one stream for the tab. Signed out: nothing of the last person stays.
  useEffect(() => {
    if (signedIn) {
      connection.start();
      return () => {
        connection.stop();
        conversation.close();
        rooms.clear();
      };
    }
    return undefined;
  }, [signedIn]);

  return signedIn ? <ChatPage /> : <SignIn />;
}
