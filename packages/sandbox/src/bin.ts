#!/usr/bin/env node
/** `filestatus-sandbox --port N [--speed X]`; the work is in node.ts, the only Node-only module. */
import { runCli } from "./node.ts";

await runCli(process.argv.slice(2));
