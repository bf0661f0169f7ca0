#!/usr/bin/env node
// The `filestatus` command: the one place that touches the process.
import { main } from "./main.ts";

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
