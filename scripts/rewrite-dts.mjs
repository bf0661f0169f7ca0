// Post-build step of every package: tsc rewrites `./x.ts` imports to `./x.js` in emitted JavaScript
// (rewriteRelativeImportExtensions) but leaves them as `./x.ts` in declaration files, where only
// `x.d.ts` exists. Deno's type checker, among others, then cannot follow them. Plain Node, no deps.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const RELATIVE_TS = /((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']+?)\.ts\2/g;

function rewrite(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewrite(path);
    else if (entry.name.endsWith(".d.ts")) {
      const text = readFileSync(path, "utf8");
      const fixed = text.replace(RELATIVE_TS, "$1$2$3.js$2");
      if (fixed !== text) writeFileSync(path, fixed);
    }
  }
}

rewrite(process.argv[2] ?? "dist");
