// The package's entry point exports every generated chat.v1 file, so that a new .proto cannot
// be generated and yet be missing from "@chat/client".
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

test("src/index.ts exports every generated chat.v1 file", () => {
  const index = readFileSync("src/index.ts", "utf8");
  const generated = readdirSync("src/gen/chat/v1").filter((f) => f.endsWith("_pb.ts"));
  assert.ok(generated.length > 0);
  for (const file of generated) {
    const line = `export * from "./gen/chat/v1/${file.replace(/\.ts$/, ".js")}";`;
    assert.ok(index.includes(line), `src/index.ts lacks: ${line}`);
  }
});
