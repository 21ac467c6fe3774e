// mediarelay's live page: follows GET /v1/live (server-sent events, read with fetch so that the bearer token can be
// sent) and draws the nodes, the calls and one call's streams. Everything from the relay is put in as text, never
// as HTML: call-ids, tags and labels come from SIP messages.
"use strict";

const KINDS = ["rtp", "rtcp", "stun", "key-exchange", "udptl", "other"];
let feed = null;        // AbortController of the open feed
let pendingDrain = null; // node id whose drain button waits for its confirmation click

function token() { return sessionStorage.getItem("mediarelay.token") || ""; }
function headers() { return token() ? { "Authorization": "Bearer " + token() } : {}; }
function $(selector) { return document.querySelector(selector); }

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function num(n) { return Number(n).toLocaleString("en-US"); }
function bytes(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
}
function age(iso) {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? s + " s" : s < 3600 ? Math.floor(s / 60) + " min " + (s % 60) + " s"
    : Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}
function total(flow, what) { return KINDS.reduce((sum, k) => sum + (flow && flow[k] ? flow[k][what] : 0), 0); }
function dropped(flow) { return Object.values((flow && flow.drops) || {}).reduce((a, b) => a + b, 0); }
function endpoint(e) { return e ? (e.ip.includes(":") ? "[" + e.ip + "]" : e.ip) + ":" + e.port : "–"; }

/** Loss, worst jitter and worst MOS over the flows that have RTP quality figures. */
function quality(flows) {
  const qs = flows.map(f => f && f.quality).filter(Boolean);
  if (qs.length === 0) return { loss: "–", jitter: "–", mos: "–" };
  const expected = qs.reduce((a, q) => a + q.expected, 0);
  const lost = qs.reduce((a, q) => a + Math.max(0, q.lost), 0);
  return {
    loss: expected > 0 ? (100 * lost / expected).toFixed(1) : "0.0",
    jitter: Math.max(...qs.map(q => q["jitter-ms"])).toFixed(1),
    mos: Math.min(...qs.map(q => q.mos)).toFixed(1),
  };
}

function setFeedState(state, text) {
  const f = $("#feed");
  f.dataset.state = state;
  f.textContent = text || state;
}

function drawTotals(s) {
  const dl = $("#totals");
  dl.replaceChildren();
  const ended = Object.entries(s.calls_ended).filter(([reason]) => reason !== "interim")
    .reduce((a, [, n]) => a + n, 0);
  for (const [label, value] of [["calls up", num(s.sessions)], ["calls ended", num(ended)],
      ["their packets", num(s.packets_relayed)], ["their bytes", bytes(s.bytes_relayed)],
      ["their drops", num(s.packets_dropped)]]) {
    dl.append(el("dt", {}, label), el("dd", {}, value));
  }
}

function drawNodes(nodes) {
  const rows = nodes.map(n => {
    const button = n.state === "draining" ? "" : el("button", {
      type: "button", "data-node": n.id, class: pendingDrain === n.id ? "confirm drain" : "drain",
      textContent: pendingDrain === n.id ? "Confirm drain" : "Drain", onclick: () => drain(n.id),
    });
    return el("tr", { "data-node": n.id },
      el("td", {}, n.id), el("td", { class: "state state-" + n.state }, n.state),
      el("td", { class: "n" }, num(n.sessions)), el("td", { class: "n" }, num(n.streams)),
      el("td", { class: "n" }, num(n.packet_rate)), el("td", { class: "n" }, n.cpu_percent.toFixed(0)),
      el("td", { class: "n" }, num(n.ports_free) + " / " + num(n.ports_total)), el("td", {}, button));
  });
  $("#nodes tbody").replaceChildren(...rows);
}

function drawCalls(calls, totalCalls) {
  $("#calls-count").textContent = calls.length < totalCalls
    ? "(the oldest " + calls.length + " of " + num(totalCalls) + ")" : "(" + num(totalCalls) + ")";
  const rows = calls.map(c => {
    const streams = c.streams || [];
    const fromCaller = streams.reduce((a, s) => a + total(s["from-caller"], "packets"), 0);
    const fromCallee = streams.reduce((a, s) => a + total(s["from-callee"], "packets"), 0);
    const allBytes = streams.reduce((a, s) => a + total(s["from-caller"], "bytes") + total(s["from-callee"], "bytes"), 0);
    const paths = [...new Set(streams.map(s => s.path))];
    const q = quality(streams.flatMap(s => [s["from-caller"], s["from-callee"]]));
    return el("tr", { "data-call": c.call_id },
      el("td", {}, el("a", { href: "#/call/" + encodeURIComponent(c.call_id) }, c.call_id)),
      el("td", {}, c.node), el("td", {}, age(c.created)),
      el("td", { class: "path path-" + (paths.length === 1 ? paths[0] : "mixed") }, paths.join(", ") || "–"),
      el("td", { class: "n packets-from-caller" }, num(fromCaller)),
      el("td", { class: "n packets-from-callee" }, num(fromCallee)),
      el("td", { class: "n" }, bytes(allBytes)), el("td", { class: "n" }, q.loss),
      el("td", { class: "n" }, q.jitter), el("td", { class: "n" }, q.mos));
  });
  $("#calls tbody").replaceChildren(...rows);
}

function drawCall(c) {
  $("#call-gone").hidden = c !== null;
  if (c === null) return;
  const facts = [["node", c.node], ["caller tag", c.from_tag], ["callee tag", c.to_tag || "–"],
    ["started", c.created + " (" + age(c.created) + " ago)"], ["answered", c.answered || "not yet"],
    ["relay address", c.media_address]];
  for (const [party, label] of Object.entries(c.labels || {})) facts.push([party + " label", label]);
  $("#call-facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const rows = [];
  for (const s of c.streams || []) {
    for (const [party, flowKey, facing] of [["caller", "from-caller", "caller-facing"],
        ["callee", "from-callee", "callee-facing"]]) {
      const f = s[flowKey];
      const q = quality([f]);
      rows.push(el("tr", { "data-stream": s.index, "data-from": party },
        el("td", {}, s.index), el("td", {}, s.media), el("td", { class: "path path-" + s.path }, s.path),
        el("td", {}, party), el("td", { class: "latched" }, endpoint(f["latched-rtp"])),
        el("td", {}, s[facing].rtp + " / " + s[facing].rtcp),
        el("td", { class: "n packets" }, num(total(f, "packets"))), el("td", { class: "n" }, bytes(total(f, "bytes"))),
        el("td", { class: "n" }, num(dropped(f))), el("td", { class: "n" }, q.loss),
        el("td", { class: "n" }, q.jitter), el("td", { class: "n" }, q.mos)));
    }
  }
  $("#streams tbody").replaceChildren(...rows);
}

function draw(snapshot, callId) {
  drawTotals(snapshot.statistics);
  if (callId === null) {
    drawNodes(snapshot.nodes);
    drawCalls(snapshot.calls, snapshot.total);
  } else {
    drawCall(snapshot.call);
  }
}

async function drain(nodeId) {
  if (pendingDrain !== nodeId) {
    pendingDrain = nodeId; // the first click arms the button, the second drains
    const b = document.querySelector('button[data-node="' + CSS.escape(nodeId) + '"]');
    if (b) { b.textContent = "Confirm drain"; b.className = "confirm drain"; }
    return;
  }
  pendingDrain = null;
  const r = await fetch("/v1/nodes/" + encodeURIComponent(nodeId) + "/drain", { method: "POST", headers: headers() });
  const body = await r.json().catch(() => ({}));
  $("#drain-result").textContent = r.ok ? "Node " + nodeId + " is draining: it takes no new calls."
    : "Drain failed: " + (body.detail || r.status);
}

/** Reads server-sent events from a fetch response body; calls onEvent(name, data) for each. */
async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message", data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data += line.slice(5).trim();
      }
      onEvent(name, data);
    }
  }
}

async function follow() {
  if (feed) feed.abort();
  const controller = new AbortController();
  feed = controller;
  const match = location.hash.match(/^#\/call\/(.+)$/);
  const callId = match ? decodeURIComponent(match[1]) : null;
  $("#overview").hidden = callId !== null;
  $("#call-page").hidden = callId === null;
  if (callId !== null) $("#call-id").textContent = callId;
  const url = "/v1/live" + (callId === null ? "" : "?call=" + encodeURIComponent(callId));
  try {
    const r = await fetch(url, { headers: headers(), signal: controller.signal });
    if (r.status === 401) {
      setFeedState("token-needed", "token needed");
      $("#token-form").hidden = false;
      $("#token-error").textContent = token() ? "That token is not accepted." : "";
      return;
    }
    if (!r.ok) throw new Error("HTTP " + r.status);
    $("#token-form").hidden = true;
    setFeedState("live");
    await readEvents(r, (name, data) => { if (name === "snapshot") draw(JSON.parse(data), callId); });
    throw new Error("the feed ended");
  } catch (e) {
    if (controller.signal.aborted) return;
    setFeedState("reconnecting", "reconnecting (" + e.message + ")");
    setTimeout(() => { if (feed === controller) follow(); }, 2000);
  }
}

$("#token-form").addEventListener("submit", e => {
  e.preventDefault();
  sessionStorage.setItem("mediarelay.token", $("#token").value.trim());
  follow();
});
window.addEventListener("hashchange", follow);
follow();
