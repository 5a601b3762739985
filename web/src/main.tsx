import { render } from "preact";
import { App } from "./ui/App";
import { connection } from "./state/connection";
import { notifier } from "./state/notifier";
import { session } from "./state/session";

notifier.watchTitle();
window.addEventListener("online", () => connection.retryNow());
render(<App />, document.getElementById("app")!);
void session.loadDemoUsers();
void session.resume();
