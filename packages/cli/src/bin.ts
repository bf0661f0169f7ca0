#!/usr/bin/env node
// The `filestatus` command: the one place that touches the process.
import { main } from "./main.ts";

// `filestatus watch … | head -1`: the reader left; stop quietly instead of crashing on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
