// The generated client is TypeScript source: bundle the small directory helper once for Node.
import { build } from "esbuild";
import { resolve } from "node:path";

export async function loadDirectory() {
  const outfile = resolve(import.meta.dirname, "../target/directory.mjs");
  await build({
    entryPoints: [resolve(import.meta.dirname, "directory.ts")],
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
