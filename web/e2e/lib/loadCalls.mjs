// The generated client is TypeScript source: bundle the tests' call helpers once for Node.
import { build } from "esbuild";
import { resolve } from "node:path";

export async function loadCalls() {
  const outfile = resolve(import.meta.dirname, "../target/calls.mjs");
  await build({
    entryPoints: [resolve(import.meta.dirname, "calls.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    preserveSymlinks: true,
    logLevel: "warning",
  });
  return import(outfile);
}
