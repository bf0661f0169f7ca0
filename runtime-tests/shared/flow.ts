/**
 * One smoke flow per provider, written against web-standard APIs only so that Node, Deno and Bun
 * run the very same code. Each flow talks over real loopback HTTP to a fresh sandbox that the
 * runtime under test serves (created with {@link SANDBOX_OPTIONS}), importing the packages by
 * name as an application does.
 */
import * as constantcontact from "@filestatus/constantcontact";
import * as highlevel from "@filestatus/highlevel";
import * as ipqs from "@filestatus/ipqs";
import { DEMO_UPLOAD_IDS, type SandboxOptions } from "@filestatus/sandbox";
import * as sanitizeemail from "@filestatus/sanitizeemail";
import * as zerobounce from "@filestatus/zerobounce";
import { assert, assertEqual, assertNoSecret } from "./assert.ts";
import {
  BURST_HEADERS,
  checkBadKey,
  checkPages,
  checkRetriedBurst,
  checkSeeded,
  checkWaitForDemo,
  FAST_RETRY,
  recordingLogger,
} from "./steps.ts";

export { assert, assertEqual } from "./assert.ts";

/** Speed 30: the demo upload goes queued → processing → complete in about 270 ms. */
export const SANDBOX_OPTIONS: SandboxOptions = { speed: 10 };

/** The sandbox's `customers` upload, complete a day ago, under each provider's id. */
const CUSTOMERS = {
  zerobounce: "aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff",
  ipqs: "3398874",
  sanitizeemail: "745",
  highlevel: "ve9EPM428h8vShlRW1KT",
  constantcontact: "9",
} as const;

/** Distinctive credentials, so a leak is unmistakable; the sandbox rejects those starting "bad". */
const KEY = "live-K3y-q8Zt4Wm";
const BAD = "bad-K3y-x7Rv2Pn";

async function zerobounceFlow(origin: string): Promise<void> {
  const log = recordingLogger();
  const options = { baseUrl: origin, retry: FAST_RETRY, logger: log };
  const zb = zerobounce.createClient({ apiKey: KEY, ...options });
  const params = { query: { file_id: CUSTOMERS.zerobounce } };
  const { data, error } = await zb.GET("/v2/filestatus", { params });
  assert(data !== undefined && error === undefined, `GET /v2/filestatus: ${JSON.stringify(error)}`);
  assertEqual(data.file_status, "Complete", "file_status");
  assertEqual(data.complete_percentage, "100%", "complete_percentage");
  await checkSeeded(zb, "zerobounce", CUSTOMERS.zerobounce);
  await checkWaitForDemo(zb, DEMO_UPLOAD_IDS.zerobounce);
  await checkRetriedBurst(log.lines, () =>
    zb.GET("/v2/filestatus", { params, headers: BURST_HEADERS }),
  );
  const bad = zerobounce.createClient({ ...options, apiKey: BAD });
  await checkBadKey(() => bad.uploadStatus(CUSTOMERS.zerobounce), zerobounce.ApiError.is, {
    status: 200, // ZeroBounce answers a bad key with HTTP 200 and success: false
    secrets: [BAD],
  });
  assertNoSecret(log.lines.join("\n"), [KEY, BAD], "log lines");
}

async function ipqsFlow(origin: string): Promise<void> {
  const log = recordingLogger();
  // IPQS takes the key as a path segment of the server URL.
  const options = { baseUrl: `${origin}/api/json/csv/{apiKey}`, retry: FAST_RETRY, logger: log };
  const client = ipqs.createClient({ apiKey: KEY, ...options });
  const { data, error } = await client.GET("/list", { params: { query: { page: 1 } } });
  assert(data !== undefined && error === undefined, `GET /list: ${JSON.stringify(error)}`);
  assertEqual(data.csvs.length, 50, "CSVs on page 1");
  assert(typeof data.csvs[0]!.id === "number", "a CSV id is a number");
  const total = data.total_csvs ?? NaN;
  await checkSeeded(client, "ipqs", CUSTOMERS.ipqs);
  await checkWaitForDemo(client, DEMO_UPLOAD_IDS.ipqs);
  // List items carry a status_url with the key in it: uploads() must have redacted it.
  await checkPages(client.uploads(), log.lines, { total, pageSize: 50, secrets: [KEY] });
  await checkRetriedBurst(log.lines, () =>
    client.GET("/status/{csvId}", {
      params: { path: { csvId: Number(CUSTOMERS.ipqs) } },
      headers: BURST_HEADERS,
    }),
  );
  const bad = ipqs.createClient({ ...options, apiKey: BAD });
  await checkBadKey(() => bad.uploadStatus(CUSTOMERS.ipqs), ipqs.ApiError.is, {
    status: 200, // IPQS answers a bad key with HTTP 200 and success: false
    secrets: [BAD],
  });
  assertNoSecret(log.lines.join("\n"), [KEY, BAD], "log lines");
}

async function sanitizeemailFlow(origin: string): Promise<void> {
  const log = recordingLogger();
  const options = { baseUrl: origin, retry: FAST_RETRY, logger: log };
  const client = sanitizeemail.createClient({ apiKey: KEY, ...options });
  const { data, error } = await client.GET("/v1/api/filesupload/");
  assert(data !== undefined && error === undefined, `GET list: ${JSON.stringify(error)}`);
  assertEqual(data.results.length, 10, "files on page 1");
  assert(data.next !== null && new URL(data.next).origin === origin, `next ${data.next}`);
  await checkSeeded(client, "sanitizeemail", CUSTOMERS.sanitizeemail);
  await checkWaitForDemo(client, DEMO_UPLOAD_IDS.sanitizeemail);
  await checkPages(client.uploads(), log.lines, {
    total: data.count,
    pageSize: 10,
    secrets: [KEY],
  });
  await checkRetriedBurst(log.lines, () =>
    client.GET("/v1/api/filesupload/{file_id}", {
      params: { path: { file_id: Number(CUSTOMERS.sanitizeemail) } },
      headers: BURST_HEADERS,
    }),
  );
  const bad = sanitizeemail.createClient({ ...options, apiKey: BAD });
  await checkBadKey(() => bad.uploadStatus(CUSTOMERS.sanitizeemail), sanitizeemail.ApiError.is, {
    status: 401,
    secrets: [BAD],
  });
  assertNoSecret(log.lines.join("\n"), [KEY, BAD], "log lines");
}

async function highlevelFlow(origin: string): Promise<void> {
  const log = recordingLogger();
  const locationId = "sbxLocation000000001";
  const options = { baseUrl: origin, locationId, retry: FAST_RETRY, logger: log };
  const client = highlevel.createClient({ accessToken: KEY, ...options });
  const params = { path: { locationId } };
  const { data, error } = await client.GET("/social-media-posting/{locationId}/csv", { params });
  assert(data !== undefined && error === undefined, `GET csv: ${JSON.stringify(error)}`);
  const csvs = data.results?.csvs;
  assert(Array.isArray(csvs) && csvs.length === 10, "10 CSV uploads on the first page");
  assertEqual(csvs[0]!.locationId, locationId, "locationId of an upload");
  await checkSeeded(client, "highlevel", CUSTOMERS.highlevel);
  await checkWaitForDemo(client, DEMO_UPLOAD_IDS.highlevel);
  const total = data.results?.count ?? NaN;
  await checkPages(client.uploads(), log.lines, { total, pageSize: 10, secrets: [KEY] });
  await checkRetriedBurst(log.lines, () =>
    client.GET("/social-media-posting/{locationId}/csv", { params, headers: BURST_HEADERS }),
  );
  const bad = highlevel.createClient({ ...options, accessToken: BAD });
  await checkBadKey(() => bad.uploadStatus(CUSTOMERS.highlevel), highlevel.ApiError.is, {
    status: 401,
    secrets: [BAD],
  });
  assertNoSecret(log.lines.join("\n"), [KEY, BAD], "log lines");
}

async function constantcontactFlow(origin: string): Promise<void> {
  const log = recordingLogger();
  const token = "live-T0ken-m4Hs9Lc";
  const options = { baseUrl: origin, accessToken: token, retry: FAST_RETRY, logger: log };
  const client = constantcontact.createClient({ apiKey: KEY, ...options });
  // Several ids in one comma-separated segment; ids that match nothing are left out.
  const params = { path: { fileId: [CUSTOMERS.constantcontact, "999999"] } };
  const { data, error } = await client.GET("/v2/library/files/uploadstatus/{fileId}", { params });
  assert(data && error === undefined, `GET uploadstatus: ${JSON.stringify(error)}`);
  assertEqual(data.length, 1, "statuses returned for one existing and one unknown id");
  assertEqual(String(data[0]!.file_id), CUSTOMERS.constantcontact, "file_id");
  assertEqual(data[0]!.status, "Active", "status");
  await checkSeeded(client, "constantcontact", CUSTOMERS.constantcontact);
  await checkWaitForDemo(client, DEMO_UPLOAD_IDS.constantcontact);
  await checkRetriedBurst(log.lines, () =>
    client.GET("/v2/library/files/uploadstatus/{fileId}", { params, headers: BURST_HEADERS }),
  );
  const bad = constantcontact.createClient({ ...options, apiKey: BAD });
  await checkBadKey(
    () => bad.uploadStatus(CUSTOMERS.constantcontact),
    constantcontact.ApiError.is,
    {
      status: 403, // a rejected api_key is the API gateway's 403, the token is checked after it
      secrets: [BAD, token],
    },
  );
  assertNoSecret(log.lines.join("\n"), [KEY, BAD, token], "log lines");
}

/** Each provider's flow, given the origin (`http://127.0.0.1:<port>`) of a fresh sandbox. */
export const flows: Record<string, (origin: string) => Promise<void>> = {
  zerobounce: zerobounceFlow,
  ipqs: ipqsFlow,
  sanitizeemail: sanitizeemailFlow,
  highlevel: highlevelFlow,
  constantcontact: constantcontactFlow,
};
