// The same three calls, whatever the transport: a unary call, a refused call whose ErrorInfo
// reason is decoded, and Subscribe receiving messages sent while it stays open.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import {
  DirectoryService,
  EventService,
  MessageService,
  Role,
  RoomService,
  errorReason,
  fieldViolations,
  type SubscribeResponse,
} from "../src/index.js";
import type { RunningServer } from "./server.js";

const EVE = "eve@acme.example";
const CAROL = "carol@northwind.example"; // Eve's customer

function as(server: RunningServer, email: string) {
  return { headers: { authorization: `Bearer ${server.token(email)}` } };
}

export async function unaryCall(server: RunningServer, transport: Transport) {
  const me = await createClient(DirectoryService, transport).whoAmI({}, as(server, EVE));
  assert.equal(me.user?.email, EVE);
  assert.equal(me.user?.displayName, "Eve Executive");
  assert.equal(me.user?.role, Role.EXECUTIVE);
}

export async function refusedCalls(server: RunningServer, transport: Transport) {
  const rooms = createClient(RoomService, transport);
  // An executive may not create groups: the role check refuses, with a reason to branch on.
  const denied = await rooms.createGroupRoom({ name: "Sales" }, as(server, EVE)).then(
    () => assert.fail("an executive created a group"),
    (e: unknown) => ConnectError.from(e));
  assert.equal(denied.code, Code.PermissionDenied);
  assert.equal(errorReason(denied), "ROLE_NOT_ALLOWED");
  assert.match(denied.rawMessage, /not available to the role EXECUTIVE/);

  // Invalid input names the field.
  const invalid = await createClient(MessageService, transport)
    .sendMessage({ roomId: "", text: "hi" }, as(server, EVE))
    .then(() => assert.fail("a message without a room was accepted"), (e: unknown) => ConnectError.from(e));
  assert.equal(invalid.code, Code.InvalidArgument);
  assert.equal(errorReason(invalid), "INVALID_ARGUMENT");
  assert.deepEqual(fieldViolations(invalid).map((v) => v.field), ["room_id"]);

  // No token at all.
  const anonymous = await createClient(DirectoryService, transport).whoAmI({}).then(
    () => assert.fail("a call without a token was answered"), (e: unknown) => ConnectError.from(e));
  assert.equal(anonymous.code, Code.Unauthenticated);
}

/**
 * Eve subscribes; Carol opens their room and writes twice, the second time after `pauseMs`;
 * Eve's open stream receives both, then Eve ends it herself.
 */
export async function subscribeReceivesWhileOpen(server: RunningServer, transport: Transport, pauseMs = 0) {
  const abort = new AbortController();
  const stream = createClient(EventService, transport)
    .subscribe({}, { ...as(server, EVE), signal: abort.signal })[Symbol.asyncIterator]();
  try {
    await nextMatching(stream, (e) => e.event.case === "caughtUp");

    const eve = (await createClient(DirectoryService, transport).whoAmI({}, as(server, EVE))).user!;
    const opened = await createClient(RoomService, transport).openDirectRoom({ userId: eve.id }, as(server, CAROL));
    const roomId = opened.room!.roomId;
    const messages = createClient(MessageService, transport);
    const first = `first ${Date.now()}`;
    await messages.sendMessage({ roomId, text: first }, as(server, CAROL));
    const got = await nextMatching(stream, (e) => e.event.case === "messageCreated");
    assert.equal(got.event.case === "messageCreated" && got.event.value.message?.text, first);
    assert.equal(got.roomId, roomId);
    assert.equal(got.notify, true, "a message from someone else in an unmuted room notifies");

    await sleep(pauseMs);
    const second = `second ${Date.now()}`;
    await messages.sendMessage({ roomId, text: second }, as(server, CAROL));
    const again = await nextMatching(stream, (e) => e.event.case === "messageCreated");
    assert.equal(again.event.case === "messageCreated" && again.event.value.message?.text, second,
      "the stream stayed open and delivered the next message");
    assert.ok(again.seq > got.seq);
  } finally {
    abort.abort();
  }
}

/** The next event that matches, skipping others (room created, heartbeats); fails after 15 s. */
async function nextMatching(stream: AsyncIterator<SubscribeResponse>,
    matches: (e: SubscribeResponse) => boolean): Promise<SubscribeResponse> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const left = deadline - Date.now();
    const next = await Promise.race([stream.next(), sleep(Math.max(left, 0)).then(() => "timeout" as const)]);
    if (next === "timeout") assert.fail("no matching event within 15 s");
    if (next.done) assert.fail("the stream ended");
    if (matches(next.value)) return next.value;
  }
}
