/**
 * The `filestatus-sandbox` command, run from source through tsx (the package need not be built).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/bin.ts", ...args], {
    cwd: PACKAGE,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve(text.slice(0, text.indexOf("\n")));
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

// Each test starts the bin as a child process: seconds on a loaded machine.
describe("filestatus-sandbox", { timeout: 30_000 }, () => {
  it("prints the URL it listens on, answers there, and exits 0 on SIGTERM", async () => {
    const child = start(["--port", "0", "--speed", "100"]);
    const done = exited(child);
    try {
      const line = await firstLine(child);
      const match = /^filestatus sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      expect(match, line).not.toBeNull();
      const url = match![1]!;
      const response = await fetch(
        `${url}/v2/filestatus?api_key=k&file_id=aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff`,
      );
      expect(await response.json()).toMatchObject({ success: true, file_status: "Complete" });
      child.kill("SIGTERM");
      expect((await done).code).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it.each([
    [["--help"], 0, /^Usage: filestatus-sandbox --port <port>/, ""],
    [["--port", "0", "--bogus"], 2, /^$/, "Unknown option '--bogus'"],
    [[], 2, /^$/, "--port is required"],
    [["--port", "http"], 2, /^$/, "--port must be 0 to 65535"],
    [["--port", "0", "--speed=-3"], 2, /^$/, "--speed must be a positive number"],
    [["--port", "0", "--speed", "fast"], 2, /^$/, "--speed must be a positive number"],
  ])("%j exits %i", async (args, code, stdout, stderr) => {
    const result = await exited(start(args));
    expect(result.code).toBe(code);
    expect(result.stdout).toMatch(stdout);
    if (stderr) {
      expect(result.stderr).toContain(stderr);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
