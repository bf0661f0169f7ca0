/**
 * The uploads a sandbox starts with: per provider one named upload per scenario (every outcome,
 * every progress mode, one `demo` that completes within 8 s at speed 1), plus enough older uploads
 * on the list providers to fill three pages or more. Ids from the providers' documented examples
 * resolve to the status those examples show.
 */
import type { ProviderName, SeedUpload } from "./types.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Timeline = Omit<SeedUpload, "provider" | "id" | "name" | "tag">;

const timeline = (
  createdAt: number,
  queuedMs: number,
  processingMs: number,
  outcome: Timeline["outcome"],
  progress: Timeline["progress"],
  failure?: string,
): Timeline => ({
  createdAt,
  queuedMs,
  processingMs,
  outcome,
  progress,
  ...(failure && { failure }),
});

/** createdAt, queuedMs, processingMs (at speed 1), outcome, progress, failure. */
const SCENARIOS = {
  demo: timeline(0, 2_000, 6_000, "complete", "linear"),
  complete: timeline(-DAY, MINUTE, 10 * MINUTE, "complete", "linear"),
  failed: timeline(
    -HOUR,
    30_000,
    2 * MINUTE,
    "failed",
    "linear",
    "The file has no column of email addresses.",
  ),
  deleted: timeline(-2 * DAY, MINUTE, 10 * MINUTE, "deleted", "linear"),
  queued: timeline(-5_000, HOUR, 10 * MINUTE, "complete", "linear"),
  processing: timeline(-MINUTE, 5_000, HOUR, "complete", "linear"),
  steps: timeline(0, 1_000, 20_000, "complete", "steps"),
  virus: timeline(-3 * HOUR, 10_000, 30_000, "failed", "none", "Virus found in the uploaded file."),
};

type Scenario = keyof typeof SCENARIOS;

const zb = (n: number) => `5b7e0c3a-9d41-4f2e-8c6a-${n.toString(16).padStart(12, "0")}`;
const hl = (label: string, n: number) => `sbx${label}`.padEnd(16, "0") + String(n).padStart(4, "0");

/** Ids per scenario; documented example ids where the docs show that state. */
const IDS: Record<ProviderName, Record<Scenario, string>> = {
  zerobounce: {
    demo: zb(1),
    complete: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
    failed: zb(2),
    deleted: zb(3),
    queued: zb(4),
    processing: zb(5),
    steps: zb(6),
    virus: zb(7),
  },
  ipqs: {
    demo: "3400001",
    complete: "3398874",
    failed: "3400002",
    deleted: "3400003",
    queued: "3398876",
    processing: "3398875",
    steps: "3400004",
    virus: "3400005",
  },
  sanitizeemail: {
    demo: "746",
    complete: "745",
    failed: "747",
    deleted: "748",
    queued: "749",
    processing: "750",
    steps: "751",
    virus: "752",
  },
  highlevel: {
    demo: hl("Demo", 1),
    complete: "ve9EPM428h8vShlRW1KT",
    failed: hl("Failed", 2),
    deleted: hl("Deleted", 3),
    queued: hl("Queued", 4),
    processing: hl("Processing", 5),
    steps: hl("Steps", 6),
    virus: hl("Virus", 7),
  },
  constantcontact: {
    demo: "101",
    complete: "9",
    failed: "102",
    deleted: "103",
    queued: "8",
    processing: "18",
    steps: "104",
    virus: "105",
  },
};

const NAMES: Record<Scenario, string> = {
  demo: "demo-list",
  complete: "customers",
  failed: "broken-export",
  deleted: "old-leads",
  queued: "signups",
  processing: "newsletter-audience",
  steps: "webinar-attendees",
  virus: "attachment",
};

/** Constant Contact's library holds images and documents, not lists. */
const EXTENSION: Record<ProviderName, string> = {
  zerobounce: ".csv",
  ipqs: ".csv",
  sanitizeemail: ".csv",
  highlevel: ".csv",
  constantcontact: ".png",
};

function named(provider: ProviderName): SeedUpload[] {
  return (Object.keys(SCENARIOS) as Scenario[]).map((scenario) => ({
    provider,
    id: IDS[provider][scenario],
    name: NAMES[scenario] + EXTENSION[provider],
    ...SCENARIOS[scenario],
  }));
}

const IPQS_TYPES = ["email", "email", "phone", "email", "proxy", "url"];
const SANITIZE_TAGS = ["validate", "clean", "analyze"];

/** Older uploads, one every 37 minutes before the named ones: mostly complete, some failed or deleted. */
function older(provider: ProviderName, count: number, id: (i: number) => string): SeedUpload[] {
  return Array.from({ length: count }, (_, i) => {
    const tag =
      provider === "ipqs"
        ? IPQS_TYPES[i % IPQS_TYPES.length]
        : provider === "sanitizeemail"
          ? SANITIZE_TAGS[i % SANITIZE_TAGS.length]
          : undefined;
    return {
      provider,
      id: id(i),
      name: `${tag ?? "posts"}-batch-${count - i}.csv`,
      createdAt: -2 * DAY - (i + 1) * 37 * MINUTE,
      queuedMs: MINUTE,
      processingMs: 10 * MINUTE,
      outcome: i % 13 === 7 ? "deleted" : i % 9 === 4 ? "failed" : "complete",
      progress: "linear",
      ...(tag && { tag }),
    };
  });
}

/** A fresh copy of the built-in uploads of every provider. */
export function defaultUploads(): SeedUpload[] {
  return [
    ...named("zerobounce"),
    ...named("ipqs"),
    ...older("ipqs", 130, (i) => String(3_397_200 - i)),
    ...named("sanitizeemail"),
    ...older("sanitizeemail", 40, (i) => String(700 - i)),
    ...named("highlevel"),
    ...older("highlevel", 40, (i) => `sbxCsv${String(i + 1).padStart(14, "0")}`),
    ...named("constantcontact"),
  ];
}

/** The id of each provider's built-in `demo` upload: queued 2 s, processing 6 s, then complete. */
export const DEMO_UPLOAD_IDS: Readonly<Record<ProviderName, string>> = {
  zerobounce: IDS.zerobounce.demo,
  ipqs: IDS.ipqs.demo,
  sanitizeemail: IDS.sanitizeemail.demo,
  highlevel: IDS.highlevel.demo,
  constantcontact: IDS.constantcontact.demo,
};
