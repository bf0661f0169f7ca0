/**
 * `filestatus status|watch|list|send|results|run`. Exit codes: 0 success (every watched upload
 * complete, results saved), 1 an upload failed or the provider answered with an error, 2 a usage error (unknown provider,
 * missing credentials, bad id or flag), 128 + the signal's number when interrupted (130: Ctrl-C).
 */
import { Command, CommanderError, Option } from "commander";
import * as commands from "./commands.ts";
import { describe, Interrupted, interruptedCode, isUsage, withoutPrefix } from "./errors.ts";
import { REDIS_URL_VARIABLE } from "./redis-url.ts";
import { closeStores } from "./redis-store.ts";
import { errorLine, printableLines } from "./render.ts";
import type { ByteOutput } from "./stdout-target.ts";
import { roundTripCommands } from "./round-trip-commands.ts";
import type { Input } from "./secret.ts";
import type { Output } from "./watch.ts";

export interface Io {
  /** Where output goes; results written to it (`-o -`) go as bytes. */
  stdout: ByteOutput;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  /** Where `--api-key -` and `--access-token -` read the credential from. */
  stdin?: Input;
  /**
   * Aborted with an {@link Interrupted} (SIGINT, SIGTERM): the command stops what it is doing,
   * leaves the terminal as it found it, prints nothing more and resolves with 128 + the signal's number.
   */
  signal?: AbortSignal;
}

/** What the credential flags' help says about the command line, which every user can read. */
const VISIBLE =
  'a value given here is visible to other users of this machine (ps); "-" reads it from standard input instead';

/** Under every command's help: what `--redis` is for. */
const REDIS_HELP = `
Several terminals or cron jobs on one key keep to one rate limit, and watchers of one upload share
one status request per tick, when they share a Redis (--redis or ${REDIS_URL_VARIABLE}):
  export ${REDIS_URL_VARIABLE}=redis://127.0.0.1:6379
  filestatus watch zerobounce <id>    # terminal 1
  filestatus watch zerobounce <id>    # terminal 2: one budget, one poll per tick between them
Should Redis not answer, the command says so once and goes on with limits of its own.`;

/** The options every command takes. */
function common(command: Command): Command {
  return command
    .option("--json", "print JSON instead of text")
    .option("--sandbox", "use the built-in sandbox instead of the provider (no network, no keys)")
    .option("--speed <factor>", "with --sandbox: how much faster uploads progress")
    .option("--base-url <url>", "provider server URL")
    .option("--api-key <key>", `API key (default: the provider's *_API_KEY variable); ${VISIBLE}`)
    .option(
      "--access-token <token>",
      `access token (HighLevel, Constant Contact; default: *_ACCESS_TOKEN); ${VISIBLE}`,
    )
    .option("--location-id <id>", "HighLevel location (default: HIGHLEVEL_LOCATION_ID)")
    .option(
      "--redis <url>",
      `share rate limits and polls with other processes through this redis:// or rediss:// URL (default: ${REDIS_URL_VARIABLE}); a password given here is visible to other users of this machine (ps), one in the variable is not`,
    )
    .addHelpText("after", REDIS_HELP);
}

function program(io: Io, setCode: (code: number) => void): Command {
  const root = new Command("filestatus")
    .description(
      "Is my uploaded file done yet? Upload status for ZeroBounce, IPQS, SanitizeEmail, HighLevel and Constant Contact.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // Commander's errors quote the command line, which may hold anything.
      writeErr: (s) => io.stderr.write(printableLines(s)),
    })
    .showHelpAfterError(false)
    .addHelpText("after", REDIS_HELP);

  common(root.command("status").argument("<provider>").argument("<id>"))
    .description("print one upload's status")
    .action(async (provider: string, id: string, flags: commands.StatusFlags) =>
      setCode(await commands.status(io, provider, id, flags)),
    );

  common(root.command("watch").argument("<provider>").argument("<ids...>"))
    .description("wait until every upload finishes; exit 0 when all complete, 1 when any failed")
    .addOption(
      new Option(
        "--interval <ms>",
        "fixed delay between polls (default: the scheduler, from the progress rate)",
      ),
    )
    .addOption(new Option("--timeout <ms>", "give up after this long"))
    .action(async (provider: string, ids: string[], flags: commands.WatchFlags) =>
      setCode(await commands.watch(io, provider, ids, flags)),
    );

  common(root.command("list").argument("<provider>"))
    .description("list uploads, newest first (IPQS, SanitizeEmail, HighLevel)")
    .addOption(new Option("--limit <n>", "print at most this many").default("20"))
    .action(async (provider: string, flags: commands.ListFlags) =>
      setCode(await commands.list(io, provider, flags)),
    );

  roundTripCommands(root, io, setCode, common);
  return root;
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  try {
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof Interrupted) return error.exitCode;
    // Interrupted: whatever failed on the way out is not news.
    if (io.signal?.aborted) return 1;
    if (isUsage(error)) {
      io.stderr.write(errorLine(withoutPrefix(error.message)));
      return 2;
    }
    io.stderr.write(errorLine(describe(error)));
    return 1;
  }
}

/** `io` for one run, so that what the run opens (a Redis store) is closed by that run alone. */
function ownIo(io: Io): Io {
  const own: Io = { stdout: io.stdout, stderr: io.stderr, env: io.env };
  // A getter, as it may be: standard input is opened only when a command reads it.
  Object.defineProperty(own, "stdin", { get: () => io.stdin, enumerable: true });
  if (io.signal) own.signal = io.signal;
  return own;
}

/** Runs the CLI; resolves with the exit code once whatever the command opened is closed. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const own = ownIo(io);
  try {
    const code = await run(argv, own);
    return interruptedCode(io.signal) ?? code;
  } finally {
    await closeStores(own);
  }
}
