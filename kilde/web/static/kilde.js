/* Kilde dashboard scripts: details on click, dyad timeline and actor network as SVG.
   Written for Kilde and served by it; no external libraries, works offline. */
"use strict";
const COLORS = {
  AGREE: "#2e7d32", CONSULT: "#66bb6a", SUPPORT: "#43a047", CONCEDE: "#9ccc65", COOPERATE: "#1b5e20",
  AID: "#00897b", RETREAT: "#80cbc4", REQUEST: "#fbc02d", ACCUSE: "#fb8c00", REJECT: "#f4511e",
  THREATEN: "#e53935", PROTEST: "#8e24aa", SANCTION: "#c62828", MOBILIZE: "#6d4c41", COERCE: "#4e342e",
  ASSAULT: "#212121",
};
const SVG = "http://www.w3.org/2000/svg";

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function legend(types) {
  const box = document.getElementById("legend");
  if (!box) return;
  for (const t of types) {
    const item = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.style.background = COLORS[t];
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(t));
    box.appendChild(item);
  }
}

function readJSON(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

/* Article page: clicking a highlight shows its quote or event in the details box. */
function wireArticle() {
  const text = document.getElementById("text");
  const details = document.getElementById("details");
  if (!text || !details) return;
  const show = (target) => {
    document.querySelectorAll(".active").forEach((n) => n.classList.remove("active"));
    const parts = [];
    for (const kind of ["quote", "event"]) {
      const i = target.dataset[kind];
      if (i === undefined) continue;
      const item = document.getElementById(kind + "-" + i);
      if (item) { item.classList.add("active"); parts.push(item.cloneNode(true)); }
      document.querySelectorAll(`[data-${kind}="${i}"]`).forEach((n) => n.classList.add("active"));
    }
    if (target.dataset.mention) {
      const p = document.createElement("p");
      p.textContent = `${target.textContent} (${target.dataset.mention})`;
      parts.push(p);
    }
    details.replaceChildren(...parts);
  };
  text.addEventListener("click", (ev) => { const t = ev.target.closest(".seg"); if (t) show(t); });
  text.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { const t = ev.target.closest(".seg"); if (t) show(t); } });
}

/* Dyad timeline: one group per month; cooperation types stacked above the axis, conflict below. */
function drawDyad() {
  const box = document.getElementById("dyad-chart");
  const data = readJSON("dyad-data");
  if (!box || !data) return;
  const months = data.months || [];
  const types = Object.keys(data.weights);
  const coop = types.filter((t) => data.weights[t] > 0), conflict = types.filter((t) => data.weights[t] < 0);
  const W = Math.max(600, box.clientWidth || 800), H = 320, pad = 40;
  const svg = el("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, id: "dyad-svg" }, box);
  if (!months.length) {
    const t = el("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, svg);
    t.textContent = "Ingen begivenheder for denne dyade";
    return;
  }
  const up = months.map((m) => coop.reduce((s, t) => s + (m[t] || 0), 0));
  const down = months.map((m) => conflict.reduce((s, t) => s + (m[t] || 0), 0));
  const peak = Math.max(1, ...up, ...down);
  const mid = H / 2, scale = (H / 2 - pad) / peak;
  const step = (W - 2 * pad) / months.length, bw = Math.max(4, step * 0.6);
  el("line", { x1: pad, x2: W - pad, y1: mid, y2: mid, stroke: "#999" }, svg);
  months.forEach((m, i) => {
    const x = pad + i * step + (step - bw) / 2;
    let top = mid, bottom = mid;
    for (const t of coop) {
      const h = (m[t] || 0) * scale;
      if (!h) continue;
      top -= h;
      const r = el("rect", { x, y: top, width: bw, height: h, fill: COLORS[t], class: "bar coop", "data-type": t, "data-month": m.month }, svg);
      el("title", {}, r).textContent = `${m.month} ${t}: ${m[t]}`;
    }
    for (const t of conflict) {
      const h = (m[t] || 0) * scale;
      if (!h) continue;
      const r = el("rect", { x, y: bottom, width: bw, height: h, fill: COLORS[t], class: "bar conflict", "data-type": t, "data-month": m.month }, svg);
      el("title", {}, r).textContent = `${m.month} ${t}: ${m[t]}`;
      bottom += h;
    }
    const label = el("text", { x: x + bw / 2, y: H - 8, "text-anchor": "middle", "font-size": 10 }, svg);
    label.textContent = m.month;
  });
  const yl = el("text", { x: 4, y: 14, "font-size": 11 }, svg); yl.textContent = "samarbejde ↑";
  const yd = el("text", { x: 4, y: H - 24, "font-size": 11 }, svg); yd.textContent = "konflikt ↓";
  legend(types.filter((t) => months.some((m) => m[t])));
}

/* Actor network: nodes on a circle (largest first), edges coloured by PLOVER type. */
function drawNetwork() {
  const box = document.getElementById("network-chart");
  const data = readJSON("network-data");
  if (!box || !data) return;
  const W = Math.max(600, box.clientWidth || 800), H = 560, R = Math.min(W, H) / 2 - 60;
  const svg = el("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, id: "network-svg" }, box);
  const pos = {};
  data.nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, data.nodes.length) - Math.PI / 2;
    pos[n.id] = [W / 2 + R * Math.cos(a), H / 2 + R * Math.sin(a)];
  });
  for (const e of data.edges) {
    const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
    const line = el("line", { x1, y1, x2, y2, stroke: COLORS[e.type] || "#999", "stroke-width": Math.min(8, 1 + e.n), "stroke-opacity": 0.7, class: "edge", "data-type": e.type }, svg);
    el("title", {}, line).textContent = `${e.source} → ${e.target} ${e.type}: ${e.n}`;
  }
  for (const n of data.nodes) {
    const [x, y] = pos[n.id];
    const g = el("g", { class: "node", "data-id": n.id }, svg);
    el("circle", { cx: x, cy: y, r: 6 + Math.min(14, Math.sqrt(n.events) * 2), fill: "#0f5c8c" }, g);
    const t = el("text", { x, y: y - 14, "text-anchor": "middle", "font-size": 12 }, g);
    t.textContent = n.id;
  }
  legend([...new Set(data.edges.map((e) => e.type))]);
}

document.addEventListener("DOMContentLoaded", () => { wireArticle(); drawDyad(); drawNetwork(); });
