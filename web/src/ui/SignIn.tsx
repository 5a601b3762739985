import { useState } from "preact/hooks";
import { session } from "../state/session";
import { useStore } from "../state/store";
import { DemoUserPicker } from "./DemoUserPicker";

/** The token the company's own login issued; this service only checks it. */
export function SignIn() {
  useStore(session);
  const [token, setToken] = useState("");
  return (
    <main class="sign-in">
      <h1>Chat</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim()) void session.signIn(token);
        }}
      >
        <label for="token">Your access token</label>
        <input
          id="token"
          type="password"
          autocomplete="off"
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          aria-describedby="token-help"
        />
        <p id="token-help" class="hint">Paste the token your company's sign-in gave you.</p>
        <button type="submit" disabled={session.signingIn || !token.trim()}>
          {session.signingIn ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {session.error && (
        <p class="error" role="alert">
          {session.error}
        </p>
      )}
      {session.demoUsers.length > 0 && <DemoUserPicker />}
    </main>
  );
}
