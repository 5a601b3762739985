// The tab's one Subscribe stream: opened after the rooms are read, resumed with the rooms'
// cursors and the membership position after any drop (network, server restart, a slow-consumer
// cut, a stream gone silent without heartbeats), and the only source of live changes. The
// person sees "connecting", "live" or "reconnecting".
import type { SubscribeResponse } from "@chat/client";
import { Code, events, inWords, isCode } from "../api";
import { conversation } from "./conversation";
import { notifier } from "./notifier";
import { rooms } from "./rooms";
import { session } from "./session";
import { Store } from "./store";

export type LinkState = "connecting" | "live" | "reconnecting" | "stopped";

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 5000;
/** The server sends a heartbeat on a quiet stream (every 15 s by default); three missed: gone. */
const SILENCE_MS = 45_000;

class Connection extends Store {
  state: LinkState = "stopped";
  /** Why the last attempt failed, in words; shown while reconnecting. */
  problem = "";
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;

  /** Starts the stream for the signed-in person; runs until stop(). */
  start(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    this.set("connecting", "");
    void this.run(abort.signal);
  }

  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.set("stopped", "");
  }

  /** Tries again now instead of waiting for the next retry (the browser is back online). */
  retryNow(): void {
    this.wake?.();
  }

  private async run(signal: AbortSignal): Promise<void> {
    let delay = FIRST_RETRY_MS;
    let needRooms = !rooms.loaded;
    let resumed = false;
    while (!signal.aborted) {
      // One attempt: its own abort, also pulled when the stream falls silent for too long.
      const attempt = new AbortController();
      const endAttempt = () => attempt.abort();
      signal.addEventListener("abort", endAttempt);
      let silence: ReturnType<typeof setTimeout> | undefined;
      try {
        if (needRooms) {
          await rooms.load();
          needRooms = false;
        }
        silence = setTimeout(endAttempt, SILENCE_MS);
        for await (const ev of events.subscribe(rooms.subscribeRequest(), { signal: attempt.signal })) {
          clearTimeout(silence);
          silence = setTimeout(endAttempt, SILENCE_MS);
          if (ev.event.case === "heartbeat") {
            rooms.accept(ev); // keeps the membership position
            continue;
          }
          if (ev.event.case === "caughtUp") {
            rooms.accept(ev);
            this.set("live", "");
            delay = FIRST_RETRY_MS;
            // Rooms joined between the first read and this stream; after a drop, the person's
            // role may have changed (the server ends streams then).
            void rooms.discover().catch(() => undefined);
            if (resumed) void session.refresh();
            continue;
          }
          this.dispatch(ev);
        }
        // The server ended the stream (shutting down): resume like after a drop.
        this.problem = "";
      } catch (err) {
        if (signal.aborted) return;
        if (isCode(err, Code.Unauthenticated)) {
          this.stop();
          session.signOut("Your sign-in has ended. Please sign in again.");
          return;
        }
        // A cursor the server cannot honour: read the rooms afresh and start from there.
        if (isCode(err, Code.InvalidArgument) || isCode(err, Code.NotFound)) needRooms = true;
        this.problem = attempt.signal.aborted ? "The server went silent." : inWords(err);
      } finally {
        clearTimeout(silence);
        signal.removeEventListener("abort", endAttempt);
      }
      if (signal.aborted) return;
      resumed = true;
      this.set("reconnecting", this.problem);
      await this.pause(delay, signal);
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  }

  private dispatch(ev: SubscribeResponse): void {
    if (!rooms.accept(ev)) return; // already had it: a resumed stream may repeat the edge
    rooms.apply(ev);
    conversation.apply(ev);
    notifier.onEvent(ev);
  }

  private pause(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done);
      this.wake = done;
    });
  }

  private set(state: LinkState, problem: string): void {
    this.state = state;
    this.problem = problem;
    this.changed();
  }
}

export const connection = new Connection();
