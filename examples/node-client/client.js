// A safechat sidecar client in Node.js (@grpc/grpc-js + @grpc/proto-loader).
//
//   node client.js [ADDRESS]        ADDRESS defaults to 127.0.0.1:50051
//
// Environment: SAFECHAT_TOKEN (sent as "authorization: Bearer <token>" when set),
// SAFECHAT_DEADLINE_MS (per-call deadline, default 2000: chat moderation is inline with sending),
// SAFECHAT_REPORT_KEY (the report's idempotency key; default a new UUID: retry with the same one).
// Prints one JSON object per result line, so scripts and tests can read it.
"use strict";

const crypto = require("crypto");
const path = require("path");
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");

const PROTO_ROOT = path.resolve(__dirname, "..", "..", "proto");
const HEALTH_PROTO = path.join(__dirname, "health.proto");
const LOADER_OPTIONS = { keepCase: true, enums: String, longs: Number, defaults: true, oneofs: true };

function load() {
  const definition = protoLoader.loadSync(
    [path.join(PROTO_ROOT, "safechat", "v1", "moderation.proto"), HEALTH_PROTO],
    { ...LOADER_OPTIONS, includeDirs: [PROTO_ROOT, __dirname] }
  );
  return grpc.loadPackageDefinition(definition);
}

function deadline() {
  const ms = Number(process.env.SAFECHAT_DEADLINE_MS || 2000);
  return new Date(Date.now() + ms);
}

function metadata() {
  const md = new grpc.Metadata();
  if (process.env.SAFECHAT_TOKEN) md.set("authorization", `Bearer ${process.env.SAFECHAT_TOKEN}`);
  return md;
}

function unary(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata(), { deadline: deadline() }, (err, response) =>
      err ? reject(err) : resolve(response)
    );
  });
}

function conversation(client, messages) {
  return new Promise((resolve, reject) => {
    const results = [];
    const call = client.ModerateConversation(metadata(), { deadline: deadline() });
    call.on("data", (item) => results.push(item));
    call.on("error", reject);
    call.on("end", () => resolve(results));
    for (const message of messages) call.write(message);
    call.end();
  });
}

function summary(decision) {
  return {
    action: decision.action,
    labels: decision.labels,
    masked_text: decision.masked_text === undefined ? null : decision.masked_text,
    sender_prompt: decision.sender_prompt ? decision.sender_prompt.text : null,
    message_id: decision.message_id,
  };
}

async function main() {
  const address = process.argv[2] || "127.0.0.1:50051";
  const root = load();
  const credentials = grpc.credentials.createInsecure();
  const health = new root.grpc.health.v1.Health(address, credentials);
  const moderation = new root.safechat.v1.Moderation(address, credentials);

  const status = await unary(health, "Check", { service: "safechat.v1.Moderation" });
  console.log(JSON.stringify({ call: "Health.Check", status: status.status }));

  const one = await unary(moderation, "Moderate", {
    text: "add me on snap: lily_2013",
    age_band: "AGE_BAND_UNDER_13",
    locale: "en",
    message_id: "m-1",
  });
  console.log(JSON.stringify({ call: "Moderate", ...summary(one.decision) }));

  const batch = await unary(moderation, "ModerateBatch", {
    messages: [
      { text: "gg wp, see you tomorrow", age_band: "AGE_BAND_13_15", message_id: "b-1" },
      { text: "kys", age_band: "AGE_BAND_UNDER_13", message_id: "b-2" },
    ],
  });
  console.log(JSON.stringify({ call: "ModerateBatch", decisions: batch.decisions.map(summary) }));

  const turns = await conversation(moderation, [
    { conversation_id: "c-1", message_id: "c-1-1", sender: "u-1", recipient: "u-2",
      sender_age_band: "AGE_BAND_ADULT", recipient_age_band: "AGE_BAND_UNDER_13", text: "hey, how was school?" },
    { conversation_id: "c-1", message_id: "c-1-2", sender: "u-1", recipient: "u-2",
      sender_age_band: "AGE_BAND_ADULT", recipient_age_band: "AGE_BAND_UNDER_13", text: "are you home alone? don't tell your parents" },
  ]);
  console.log(JSON.stringify({
    call: "ModerateConversation",
    decisions: turns.map((t) => ({ message_id: t.message_id, ...summary(t.decision) })),
  }));

  // A child reports the grooming message. The answer comes once the report is durably stored;
  // on UNAVAILABLE, retry with the same idempotency_key (it is stored once).
  const receipt = await unary(moderation, "SubmitReport", {
    reporter_id: "u-2",
    reported_id: "u-1",
    reason: "REPORT_REASON_GROOMING",
    details: "he keeps asking if I am alone",
    conversation_id: "c-1",
    message_id: "c-1-2",
    text: "are you home alone? don't tell your parents",
    context: ["hey, how was school?"],
    age_band: "AGE_BAND_UNDER_13",
    locale: "en",
    idempotency_key: process.env.SAFECHAT_REPORT_KEY || crypto.randomUUID(),
  });
  console.log(JSON.stringify({
    call: "SubmitReport",
    report_id: receipt.report_id,
    status: receipt.status,
    acknowledgement: receipt.acknowledgement ? receipt.acknowledgement.text : null,
  }));
  health.close();
  moderation.close();
}

main().catch((err) => {
  console.error(JSON.stringify({ error: err.code === undefined ? String(err) : grpc.status[err.code], details: err.details }));
  process.exit(1);
});
