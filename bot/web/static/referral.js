// The referral form (/ohjaa): sent as JSON to /api/referral; the server's messages are
// shown beside their fields and in a summary that takes focus. Text goes in with
// textContent only, never as HTML.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("referral-form");
  if (!form) { return; }
  var summary = document.getElementById("error-summary");
  var list = document.getElementById("error-list");
  var summaryText = document.getElementById("error-summary-text");
  var button = form.querySelector("button[type=submit]");
  var busy = false;

  function value(name) {
    var field = form.elements.namedItem(name);
    if (!field) { return ""; }
    if (field.type === "checkbox") { return field.checked; }
    return field.value || "";
  }

  function clearErrors() {
    summary.hidden = true;
    list.textContent = "";
    form.querySelectorAll(".field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
  }

  function fieldTarget(id) {
    var target = document.getElementById("f-" + id);
    if (target && target.tagName === "FIELDSET") {
      return target.querySelector("input") || target;
    }
    return target;
  }

  function showErrors(message, errors) {
    summaryText.textContent = message;
    Object.keys(errors || {}).forEach(function (id) {
      var p = document.getElementById("err-" + id);
      var target = fieldTarget(id);
      var li = document.createElement("li");
      if (p && target) {
        p.textContent = errors[id];
        p.hidden = false;
        document.getElementById("field-" + id).classList.add("has-error");
        target.setAttribute("aria-invalid", "true");
        var described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (described.indexOf(p.id) < 0) { described.push(p.id); }
        target.setAttribute("aria-describedby", described.join(" "));
        var a = document.createElement("a");
        a.href = "#f-" + id;
        a.textContent = errors[id];
        a.addEventListener("click", function (ev) { ev.preventDefault(); target.focus(); });
        li.appendChild(a);
      } else {
        li.textContent = errors[id];
      }
      list.appendChild(li);
    });
    summary.hidden = false;
    summary.focus();
  }

  form.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    if (busy) { return; }
    busy = true;
    button.disabled = true;
    clearErrors();
    var checked = form.querySelector("input[name=contact_method]:checked");
    var body = {
      token: form.dataset.token,
      service_id: form.dataset.service,
      lang: form.dataset.lang,
      need: value("need"),
      contact_method: checked ? checked.value : "",
      client_contact: value("client_contact"),
      consent: value("consent") === true
    };
    try {
      var res = await fetch("/api/referral", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(body)
      });
      var data = null;
      try { data = await res.json(); } catch (e) { data = null; }
      if (!res.ok || !data || data.error) {
        showErrors((data && data.error) || res.statusText, (data && data.errors) || {});
        return;
      }
      form.hidden = true;
      document.getElementById("reference").textContent = data.reference;
      document.getElementById("receipt").textContent = data.message;
      var done = document.getElementById("referral-done");
      done.hidden = false;
      document.getElementById("done-title").focus();
    } catch (e) {
      showErrors(e.message || String(e), {});
    } finally {
      busy = false;
      button.disabled = false;
    }
  });
});
