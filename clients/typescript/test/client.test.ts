// The TypeScript client against a real server process: over gRPC (connect-node, HTTP/2 to the
// native port) and over gRPC-Web (connect-web's transport on fetch, as in a browser, to the
// web port), plus the CORS answers a page from another origin relies on.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { refusedCalls, subscribeReceivesWhileOpen, unaryCall } from "./calls.js";
import { startServer, type RunningServer } from "./server.js";

let server: RunningServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

describe("over gRPC to the native port (connect-node)", () => {
  const transport = () => createGrpcTransport({ baseUrl: server.grpcUrl });
  test("a unary call answers", () => unaryCall(server, transport()));
  test("a refused call carries its ErrorInfo reason and field violations", () => refusedCalls(server, transport()));
  test("Subscribe receives messages sent while it stays open", () => subscribeReceivesWhileOpen(server, transport()));
});

describe("over gRPC-Web to the web port (connect-web)", () => {
  const transport = () => createGrpcWebTransport({ baseUrl: server.webUrl });
  test("a unary call answers", () => unaryCall(server, transport()));
  test("a refused call carries its ErrorInfo reason and field violations", () => refusedCalls(server, transport()));
  // Longer than Armeria's default request timeout (10 s): no timeout may cut a stream.
  test("Subscribe stays open past 11 s of silence and still receives", () =>
    subscribeReceivesWhileOpen(server, transport(), 11_000));
});

describe("the web port's answers outside the generated client", () => {
  test("a body that does not decode is INVALID_ARGUMENT, never INTERNAL", async () => {
    const response = await fetch(server.webUrl + "/chat.v1.RoomService/ListRooms", {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.token("eve@acme.example")}`,
        "content-type": "application/grpc-web+proto",
        "x-grpc-web": "1",
      },
      body: new Uint8Array([0, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0xff]), // a frame of no message
    });
    await response.arrayBuffer();
    assert.equal(response.headers.get("grpc-status"), "3");
    assert.match(response.headers.get("grpc-message") ?? "", /could not be decoded/);
  });
});

describe("CORS on the web port", () => {
  const path = "/chat.v1.DirectoryService/WhoAmI";

  test("a preflight from an allowed origin admits the headers Connect and grpc-web send", async () => {
    const response = await fetch(server.webUrl + path, {
      method: "OPTIONS",
      headers: {
        origin: server.otherOrigin,
        "access-control-request-method": "POST",
        "access-control-request-headers":
          "authorization,content-type,x-grpc-web,x-user-agent,connect-protocol-version,grpc-timeout",
      },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), server.otherOrigin);
    assert.match(response.headers.get("access-control-allow-methods") ?? "", /POST/);
    const allowed = (response.headers.get("access-control-allow-headers") ?? "").split(",").map((h) => h.trim());
    for (const header of ["authorization", "content-type", "x-grpc-web", "x-user-agent", "connect-protocol-version", "grpc-timeout"]) {
      assert.ok(allowed.includes(header), `${header} allowed: ${allowed}`);
    }
  });

  test("a call from an allowed origin exposes grpc-status, grpc-message and the details", async () => {
    const response = await fetch(server.webUrl + path, {
      method: "POST",
      headers: { origin: server.otherOrigin, "content-type": "application/grpc-web+proto", "x-grpc-web": "1" },
      body: new Uint8Array([0, 0, 0, 0, 0]), // one empty WhoAmIRequest, without a token
    });
    await response.arrayBuffer();
    assert.equal(response.headers.get("access-control-allow-origin"), server.otherOrigin);
    const exposed = (response.headers.get("access-control-expose-headers") ?? "").split(",").map((h) => h.trim());
    for (const header of ["grpc-status", "grpc-message", "grpc-status-details-bin"]) {
      assert.ok(exposed.includes(header), `${header} exposed: ${exposed}`);
    }
  });

  test("a preflight from any other origin is not admitted", async () => {
    const response = await fetch(server.webUrl + path, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
    });
    assert.equal(response.headers.get("access-control-allow-origin"), null);
  });
});
