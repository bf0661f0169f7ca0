#!/usr/bin/env node
// The `filestatus` command: the one place that touches the process.
import { main } from "./main.ts";

// `filestatus watch … | head -1`: the reader left. What is left to print has nowhere to go (Node
// drops writes to the closed stream), but the command carries on, because its exit code has to say
// how the uploads ended, whoever reads its output.
const readerLeft = (error: NodeJS.ErrnoException): void => {
  if (error.code !== "EPIPE") throw error;
};
process.stdout.on("error", readerLeft);
process.stderr.on("error", readerLeft);

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
