/**
 * `filestatus status|watch|list`. Exit codes: 0 success (every watched upload complete), 1 an
 * upload failed or the provider answered with an error, 2 a usage error (unknown provider,
 * missing credentials, bad id or flag).
 */
import { UploadFailedError } from "@filestatus/core";
import { Command, CommanderError, Option } from "commander";
import { clientFor, positiveNumber, type GlobalFlags } from "./connect.ts";
import { describe, isUsage, UsageError, withoutPrefix } from "./errors.ts";
import { errorLine, printableLines, statusJson, statusLine } from "./render.ts";
import { watchUploads, type Output } from "./watch.ts";

export interface Io {
  stdout: Output;
  stderr: { write(text: string): void };
  env: Readonly<Record<string, string | undefined>>;
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
    .showHelpAfterError(false);
  const common = (command: Command) =>
    command
      .option("--json", "print JSON instead of text")
      .option("--sandbox", "use the built-in sandbox instead of the provider (no network, no keys)")
      .option("--speed <factor>", "with --sandbox: how much faster uploads progress")
      .option("--base-url <url>", "provider server URL")
      .option("--api-key <key>", "API key (default: the provider's *_API_KEY variable)")
      .option("--access-token <token>", "access token (HighLevel, Constant Contact)")
      .option("--location-id <id>", "HighLevel location (default: HIGHLEVEL_LOCATION_ID)");

  common(root.command("status").argument("<provider>").argument("<id>"))
    .description("print one upload's status")
    .action(async (provider: string, id: string, flags: GlobalFlags) => {
      const status = await clientFor(provider, flags, io.env).uploadStatus(id);
      io.stdout.write(`${flags.json ? statusJson(status) : statusLine(status)}\n`);
    });

  common(root.command("watch").argument("<provider>").argument("<ids...>"))
    .description("wait until every upload finishes; exit 0 when all complete, 1 when any failed")
    .addOption(
      new Option(
        "--interval <ms>",
        "fixed delay between polls (default: the scheduler, from the progress rate)",
      ),
    )
    .addOption(new Option("--timeout <ms>", "give up after this long"))
    .action(
      async (
        provider: string,
        ids: string[],
        flags: GlobalFlags & { interval?: string; timeout?: string },
      ) => {
        const client = clientFor(provider, flags, io.env);
        const intervalMs = positiveNumber("--interval", flags.interval);
        const timeoutMs = positiveNumber("--timeout", flags.timeout);
        const results = await watchUploads(
          ids.map((id) => ({ provider, id, client })),
          io.stdout,
          {
            json: flags.json ?? false,
            ...(intervalMs && { intervalMs }),
            ...(timeoutMs && { timeoutMs }),
          },
        );
        let failed = 0;
        for (const { target, error } of results) {
          if (error === undefined) continue;
          if (isUsage(error)) throw new UsageError(withoutPrefix(error.message));
          failed++;
          if (!UploadFailedError.is(error) || !flags.json)
            io.stderr.write(errorLine(`${target.id}: ${describe(error)}`));
        }
        if (!flags.json) io.stdout.write(`${results.length - failed} complete, ${failed} failed\n`);
        setCode(failed > 0 ? 1 : 0);
      },
    );

  common(root.command("list").argument("<provider>"))
    .description("list uploads, newest first (IPQS, SanitizeEmail, HighLevel)")
    .addOption(new Option("--limit <n>", "print at most this many").default("20"))
    .action(async (provider: string, flags: GlobalFlags & { limit: string }) => {
      const client = clientFor(provider, flags, io.env);
      const limit = positiveNumber("--limit", flags.limit, true)!;
      if (!client.uploads)
        throw new UsageError(
          `${provider} has no list endpoint; use: filestatus status ${provider} <id>`,
        );
      let printed = 0;
      for await (const status of client.uploads()) {
        io.stdout.write(`${flags.json ? statusJson(status) : statusLine(status)}\n`);
        if (++printed >= limit) break;
      }
    });
  return root;
}

/** Runs the CLI; resolves with the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  try {
    await program(io, (c) => (code = c)).parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isUsage(error)) {
      io.stderr.write(errorLine(withoutPrefix(error.message)));
      return 2;
    }
    io.stderr.write(errorLine(describe(error)));
    return 1;
  }
}
