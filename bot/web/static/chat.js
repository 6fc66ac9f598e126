// Järjestöbotti web chat. Every piece of data is placed with textContent or
// element attributes, never as HTML, so nothing in the knowledge or a reply
// can inject markup. One conversation id per browser tab keeps follow-ups
// ("entä Keravalla?", "näytä lisää") in the same thread.
"use strict";

(function () {
  const MAX_TEXT = 2000;
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const input = document.getElementById("question");
  const sendButton = document.getElementById("send");
  const conversation = newId();
  let lastQueryId = null;
  let busy = false;
  let seq = 0;

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "w" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Plain text with **bold**, the one markup replies use; lines become <br>.
  // With `bold` false (knowledge text shown as written) ** stays as typed.
  function richText(parent, text, bold = true) {
    String(text).split("\n").forEach((line, i) => {
      if (i > 0) parent.appendChild(document.createElement("br"));
      (bold ? line.split("**") : [line]).forEach((chunk, j) => {
        if (!chunk) return;
        parent.appendChild(j % 2 ? el("strong", null, chunk) : document.createTextNode(chunk));
      });
    });
    return parent;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function link(href, text) {
    const a = el("a", null, text);
    a.href = href;
    if (/^https?:/i.test(href)) a.rel = "noopener noreferrer";
    return a;
  }

  function finnishDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : iso || "";
  }

  function row(dl, term, value) {
    if (value === null || value === undefined || value === "") return null;
    dl.appendChild(el("dt", null, term));
    const dd = el("dd");
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = String(value);
    dl.appendChild(dd);
    return dd;
  }

  function heading(card, text) {
    const h = el("h3", null, text);
    h.id = `h${++seq}`;
    card.setAttribute("aria-labelledby", h.id);
    card.appendChild(h);
  }

  function contactNode(c, skipUrl) {
    const span = el("span");
    const bits = [];
    if (c.name) bits.push(document.createTextNode(c.name));
    if (c.phone) bits.push(link(`tel:${c.phone.replace(/[^\d+]/g, "")}`, c.phone));
    if (c.email) bits.push(link(`mailto:${c.email}`, c.email));
    const web = safeUrl(c.website);
    if (web && web !== skipUrl) bits.push(link(web, web.replace(/^https?:\/\//i, "")));
    bits.forEach((b, i) => {
      if (i > 0) span.appendChild(document.createTextNode(" · "));
      span.appendChild(b);
    });
    return bits.length ? span : null;
  }

  // How a field's value is shown: a date the Finnish way, contact details as links.
  function fieldText(f) {
    return f.key === "updated" ? finnishDate(f.value) : f.value;
  }

  function fieldNode(f, p, view) {
    if (f.key === "contact" && p.contact) {
      return contactNode(p.contact, view.link ? view.link.url : null) || f.value;
    }
    return fieldText(f);
  }

  // A card as the server's view decides it (fields, captions, order); only styled here.
  function cardNode(p, msg) {
    const v = p.view;
    const card = el("article", `card ${p.type}`);
    heading(card, v.title);
    if (v.subtitle) card.appendChild(el("p", "org", v.subtitle));
    let dl = null;
    let ul = null;
    const list = (tag) => card.appendChild(el(tag));
    v.body.forEach((line) => {
      if (line.type !== "row") dl = null;
      if (line.type !== "bullet") ul = null;
      if (line.type === "paragraph") card.appendChild(richText(el("p"), line.text, line.markup));
      if (line.type === "row") {
        dl = dl || list("dl");
        line.fields.forEach((f) => row(dl, f.label, fieldNode(f, p, v)));
      }
      if (line.type === "bullet") {
        ul = ul || list("ul");
        ul.appendChild(el("li", null, line.text));
      }
    });
    if (v.link) {
      dl = dl || list("dl");
      row(dl, v.link.label, link(v.link.url, v.link.url.replace(/^https?:\/\//i, "")));
    }
    const meta = v.meta.map((f) => `${f.label}: ${fieldText(f)}`).join(" · ");
    if (meta) card.appendChild(el("p", "source", meta));
    if (v.stale) card.appendChild(el("p", "warning", `⚠ ${v.stale}`));
    if (v.actions.length) card.appendChild(buttonsNode(v.actions, msg));
    return card;
  }

  function buttonsNode(choices, msg) {
    const row = el("div", "buttons");
    choices.forEach((c) => {
      if (c.action === "refer") {
        // "Ohjaa asiakas": the referral form is a page of its own, in a new tab, so the
        // conversation stays where it was.
        const lang = encodeURIComponent(msg.dataset.lang || "fi");
        const a = link(`/ohjaa?palvelu=${encodeURIComponent(c.value)}&lang=${lang}`, c.label);
        a.className = `choice choice-${c.action}`;
        if (msg.dataset.newTab) a.appendChild(el("span", "visually-hidden", ` (${msg.dataset.newTab})`));
        a.target = "_blank";
        a.rel = "noopener";
        row.appendChild(a);
        return;
      }
      const b = el("button", `choice choice-${c.action}`, c.label);
      b.type = "button";
      b.addEventListener("click", () => onChoice(c, b, msg));
      row.appendChild(b);
    });
    return row;
  }

  function choicesNode(p, msg) {
    const box = el("div", "choices");
    if (p.prompt) box.appendChild(el("p", null, p.prompt));
    box.appendChild(buttonsNode(p.choices, msg));
    return box;
  }

  function renderPart(p, msg) {
    switch (p.type) {
      case "text": return richText(el("p"), p.text);
      case "notice": {
        const n = el("p", `notice notice-${p.level}`, (p.level === "info" ? "" : "⚠ ") + p.text);
        return n;
      }
      case "service":
      case "roadmap":
      case "role":
      case "guidance": return cardNode(p, msg);
      case "choices": return choicesNode(p, msg);
      case "form": {
        const para = el("p", "form-link");
        para.appendChild(link("/yhteydenotto", `${p.title} →`));
        return para;
      }
      default: return null;
    }
  }

  function addMessage(who, label) {
    const msg = el("div", `msg ${who}`);
    msg.appendChild(el("p", "visually-hidden", label));
    log.appendChild(msg);
    return msg;
  }

  function showUser(text) {
    const msg = addMessage("user", "Sinä:");
    msg.appendChild(el("p", null, text));
    msg.scrollIntoView({ block: "end" });
  }

  function showReply(data) {
    const msg = addMessage("bot", "Järjestöbotti:");
    if (data.query_id !== null && data.query_id !== undefined) lastQueryId = data.query_id;
    msg.dataset.queryId = lastQueryId === null ? "" : String(lastQueryId);
    msg.dataset.lang = data.language || "fi";
    msg.dataset.newTab = (data.labels && data.labels.new_tab) || "";
    (data.parts || []).forEach((p) => {
      const node = renderPart(p, msg);
      if (node) msg.appendChild(node);
    });
    msg.tabIndex = -1;
    msg.scrollIntoView({ block: "start" });
    return msg;
  }

  function showError(text) {
    const msg = addMessage("bot error", "Virhe:");
    msg.appendChild(el("p", "notice notice-error", `⚠ ${text}`));
    msg.setAttribute("role", "alert");
    msg.scrollIntoView({ block: "end" });
    return msg;
  }

  async function post(url, body) {
    if (busy) return null;
    busy = true;
    sendButton.disabled = true;
    const pending = addMessage("bot pending", "Järjestöbotti:");
    pending.appendChild(el("p", null, "Haetaan…"));
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ conversation, ...body }),
      });
      let data = null;
      try { data = await res.json(); } catch (e) { data = null; }
      pending.remove();
      if (!res.ok || !data || data.error) {
        showError((data && data.error) || "Pahoittelut, jokin meni vikaan. Yritä uudelleen.");
        return null;
      }
      return showReply(data);
    } catch (e) {
      pending.remove();
      showError("Yhteys palvelimeen katkesi. Tarkista verkkoyhteys ja yritä uudelleen.");
      return null;
    } finally {
      busy = false;
      sendButton.disabled = false;
    }
  }

  async function ask(text) {
    showUser(text);
    return post("/api/chat", { text });
  }

  function openFeedback(choice, button, msg) {
    const box = button.closest(".choices");
    box.querySelectorAll(".choice-feedback").forEach((b) => b.setAttribute("aria-pressed", "false"));
    button.setAttribute("aria-pressed", "true");
    let fb = box.querySelector("form.feedback");
    if (!fb) {
      fb = el("form", "feedback");
      const id = `fb${++seq}`;
      const lab = el("label", null, "Kommentti (valinnainen)");
      lab.htmlFor = id;
      const area = el("textarea");
      area.id = id;
      area.rows = 2;
      area.maxLength = MAX_TEXT;
      const submit = el("button", "primary", "Lähetä palaute");
      submit.type = "submit";
      fb.append(lab, area, submit);
      fb.addEventListener("submit", async (ev) => {
        ev.preventDefault();
        const chosen = box.querySelector('.choice-feedback[aria-pressed="true"]');
        const qid = msg.dataset.queryId ? Number(msg.dataset.queryId) : null;
        const body = { action: "feedback", value: chosen.dataset.value, query_id: qid };
        if (area.value.trim()) body.comment = area.value.trim();
        const reply = await post("/api/action", body);
        if (reply) {
          fb.remove();
          box.querySelectorAll(".choice-feedback").forEach((b) => { b.disabled = true; });
          input.focus();
        }
      });
      box.appendChild(fb);
    }
    fb.querySelector("textarea").focus();
  }

  async function onChoice(choice, button, msg) {
    if (busy) return;
    if (choice.action === "feedback") {
      button.dataset.value = choice.value;
      openFeedback(choice, button, msg);
      return;
    }
    if (choice.action === "ask") {
      const reply = await ask(choice.value);
      if (reply) reply.focus({ preventScroll: true });
      return;
    }
    showUser(choice.label);
    if (choice.action === "more") button.disabled = true;
    const reply = await post("/api/action", { action: choice.action, value: choice.value });
    if (reply) reply.focus({ preventScroll: true });
    else button.disabled = false;
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    if (text.length > MAX_TEXT) {
      showError(`Kysymys on liian pitkä (enintään ${MAX_TEXT} merkkiä).`);
      return;
    }
    input.value = "";
    await ask(text);
    input.focus();
  });

  // Welcome: the bot's own help text with example questions as buttons.
  post("/api/action", { action: "help", value: "" });
  input.focus();
})();
