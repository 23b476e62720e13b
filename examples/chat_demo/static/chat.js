// The chat demo's page: join, send, poll for messages, and the prompts' buttons.
// Every text from the server is put in the page with textContent: never parsed as HTML.
"use strict";
let me = null;
let last = 0;
let pendingText = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: "POST", headers: {"content-type": "application/json"}, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function helpBox(prompt) {
  const box = el("div", {class: "help", role: "note"});
  const line = prompt && prompt.helpline;
  box.textContent = line
    ? `You can talk to ${line.name}${line.phone ? ", call " + line.phone : ""}${line.url ? ", or visit " + line.url : ""}. It is free and they listen.`
    : "Talk to an adult you trust. You did nothing wrong.";
  return box;
}

function promptBox(prompt, message) {
  const box = el("div", {class: "prompt recipient", role: "group", "aria-label": "What you can do"});
  box.append(el("p", {}, prompt.text));
  const options = prompt.options || [];
  if (options.includes("report")) {
    const report = el("button", {type: "button", class: "quiet"}, "Report");
    report.addEventListener("click", async () => {
      report.disabled = true;
      const receipt = await api("/api/report", {user_id: me.user_id, message_id: message.message_id});
      box.append(el("p", {class: "ack", role: "status"}, receipt.acknowledgement ? receipt.acknowledgement.text : "Thank you. We got your report."));
    });
    box.append(report);
  }
  if (options.includes("block")) {
    const block = el("button", {type: "button", class: "quiet"}, `Block ${message.from}`);
    block.addEventListener("click", async () => {
      await api("/api/block", {user_id: me.user_id, blocked_id: message.from_id});
      for (const item of document.querySelectorAll(`[data-from="${CSS.escape(message.from_id)}"]`)) item.remove();
    });
    box.append(block);
  }
  if (options.includes("talk_to_someone") || prompt.helpline) {
    const help = el("button", {type: "button", class: "quiet"}, "Get help");
    help.addEventListener("click", () => { help.disabled = true; box.append(helpBox(prompt)); });
    box.append(help);
  }
  return box;
}

function render(message) {
  const item = el("li", {class: message.mine ? "mine" : "", "data-seq": String(message.seq)});
  if (!message.mine) item.dataset.from = message.from_id;
  item.append(el("span", {class: "from"}, message.mine ? "You" : message.from));
  if (message.hidden) {
    item.classList.add("hidden-message");
    item.append(el("p", {class: "text"}, message.mine ? "Not sent." : `A message from ${message.from} was hidden.`));
  } else {
    item.append(el("p", {class: "text"}, message.text));
  }
  if (!message.mine && message.prompt) item.append(promptBox(message.prompt, message));
  $("log").append(item);
}

function showSenderPrompt(result, text) {
  const box = $("sender-prompt");
  box.replaceChildren();
  if (!result.sender_prompt) { box.hidden = true; return; }
  box.hidden = false;
  const title = result.action === "warn" ? "Think again before you send this?"
    : result.delivered ? "Sent, with a note:" : "This message was not sent.";
  box.append(el("p", {}, title), el("p", {}, result.sender_prompt.text));
  if (result.action === "warn") {
    const edit = el("button", {type: "button", class: "quiet"}, "Edit my message");
    edit.addEventListener("click", () => { box.hidden = true; $("text").value = text; $("text").focus(); });
    const anyway = el("button", {type: "button", class: "quiet"}, "Send it anyway");
    anyway.addEventListener("click", async () => {
      box.hidden = true;
      showSenderPrompt(await api("/api/send", {user_id: me.user_id, text, send_anyway: true}), text);
      poll();
    });
    box.append(edit, anyway);
  }
  if ((result.sender_prompt.options || []).includes("talk_to_someone")) {
    const help = el("button", {type: "button", class: "quiet"}, "Get help");
    help.addEventListener("click", () => { help.disabled = true; box.append(helpBox(result.sender_prompt)); });
    box.append(help);
  }
}

async function poll() {
  if (!me) return;
  try {
    const {messages} = await api(`/api/messages?user_id=${encodeURIComponent(me.user_id)}&after=${last}`);
    for (const message of messages) { render(message); last = Math.max(last, message.seq); }
  } catch (err) { /* the next poll tries again */ }
}

document.addEventListener("DOMContentLoaded", () => {
  $("join").addEventListener("submit", async (event) => {
    event.preventDefault();
    me = await api("/api/join", {name: $("name").value, age_band: $("age-band").value});
    $("join").hidden = true;
    $("chat").hidden = false;
    $("chat-h").textContent = `Messages (you are ${me.name})`;
    $("text").focus();
    setInterval(poll, 700);
    poll();
  });
  $("send").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim()) return;
    $("text").value = "";
    pendingText = text;
    showSenderPrompt(await api("/api/send", {user_id: me.user_id, text}), text);
    poll();
  });
});
