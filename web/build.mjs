// Bundles the page into one script and copies the static files beside it. The output folder is
// given by the Maven build (its classes folder + chat-web/), or defaults to dist/ for a quick look.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";

const out = resolve(process.argv[2] ?? "dist");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: ["src/main.tsx"],
  outfile: resolve(out, "app.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: "linked",
  sourcesContent: false,
  jsx: "automatic",
  jsxImportSource: "preact",
  // @chat/client is a linked folder outside this package; resolving through the link keeps one
  // copy of @bufbuild/protobuf and @connectrpc/connect (this package's) in the bundle.
  preserveSymlinks: true,
  logLevel: "warning",
});
cpSync("src/index.html", resolve(out, "index.html"));
cpSync("src/styles.css", resolve(out, "styles.css"));
console.log(`web app built into ${out}`);
