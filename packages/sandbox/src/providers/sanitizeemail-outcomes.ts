/**
 * The sandbox's finding on each address of a list, from `verdict` (lists.ts), in SanitizeEmail's
 * words: a status, a normalised address, a role-account flag, the `reason` of each check and the
 * MX host of a live domain.
 */
import { DEAD_DOMAINS, verdict, type Verdict } from "../lists.ts";
import type { ReceivedFile } from "./sanitizeemail-store.ts";

/** The sandbox's finding on one distinct address. */
export interface Outcome {
  email: string;
  normalized: string;
  verdict: Verdict;
  role: boolean;
}

/** Local parts the sandbox reports as role accounts (`is_role_account`). */
const ROLES: ReadonlySet<string> = new Set(
  "admin billing contact help info noreply no-reply office postmaster sales support team webmaster".split(
    " ",
  ),
);

export function outcome(email: string): Outcome {
  const normalized = email.trim().toLowerCase();
  const local = normalized.slice(0, Math.max(0, normalized.lastIndexOf("@")));
  return { email: email.trim(), normalized, verdict: verdict(email), role: ROLES.has(local) };
}

const distinctOutcomes = new WeakMap<ReceivedFile, Outcome[]>();

/**
 * Both jobs work on the distinct addresses (compared normalised, first one kept): a clean list
 * holds each valid address once, and validation reports each address once.
 */
export function outcomes(file: ReceivedFile): Outcome[] {
  const cached = distinctOutcomes.get(file);
  if (cached) return cached;
  const seen = new Set<string>();
  const out: Outcome[] = [];
  for (const email of file.emails) {
    const found = outcome(email);
    if (seen.has(found.normalized)) continue;
    seen.add(found.normalized);
    out.push(found);
  }
  distinctOutcomes.set(file, out);
  return out;
}

const domainOf = (found: Outcome): string =>
  found.normalized.slice(found.normalized.lastIndexOf("@") + 1);

/**
 * The `reason` of a validation, each check with its status as the docs show them: an address on
 * a dead domain passes `format` and fails `dns` and `mx`; any other invalid one fails `format`.
 */
export function reasons(found: Outcome): Record<string, { status: string; reason: string }> {
  const fail = (reason: string) => ({ status: "fail", reason });
  const pass = (reason: string) => ({ status: "pass", reason });
  if (found.verdict === "valid")
    return {
      format: pass("Valid format"),
      dns: pass("Domain resolves"),
      mx: pass("MX records found"),
    };
  if (!DEAD_DOMAINS.includes(domainOf(found))) return { format: fail("Invalid email format") };
  return {
    format: pass("Valid format"),
    dns: fail("Domain does not resolve"),
    mx: fail("No MX records found"),
  };
}

/** The MX host the sandbox reports for a live domain. */
export const mxRecords = (found: Outcome): string[] =>
  found.verdict === "valid" ? [`mx.${domainOf(found)}`] : [];
