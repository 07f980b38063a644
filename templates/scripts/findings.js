/* global document, setTimeout, clearTimeout, HTMLFormElement */
// Findings script of the HTML report: the findings filter, and the rows of collapsed groups. The
// report is one self-contained file: this script is inlined and allowed by its SHA-256 in the
// Content-Security-Policy. It never writes markup: rows of a collapsed group are built from their
// JSON with createElement and textContent, counts go through textContent, so no value from the
// findings can become HTML.
(function () {
  "use strict";
  // As SHORT_HASH in src/report/view.ts: evidence references show the first 12 hex digits.
  var SHORT_HASH = 12;

  // The index: built once, so a keystroke scans plain objects instead of querying the DOM. A row of
  // a collapsed group is in it from the start (so counts and the filter cover every finding), with
  // `el` null until its group is expanded.
  var rows = [];
  var groups = [];
  var controls = [];
  var controlOf = new Map();
  Array.prototype.forEach.call(document.querySelectorAll("section.control"), function (section) {
    var entry = { el: section, groups: [], shown: true };
    controls.push(entry);
    controlOf.set(section, entry);
  });
  Array.prototype.forEach.call(document.querySelectorAll("div.group[data-check]"), function (div) {
    var group = { el: div, rows: [], shown: true, tail: null };
    var check = div.getAttribute("data-check") || "";
    var severity = div.getAttribute("data-severity") || "";
    Array.prototype.forEach.call(div.querySelectorAll("tr[data-status]"), function (tr) {
      var row = {
        el: tr,
        status: tr.getAttribute("data-status") || "",
        check: check,
        severity: severity,
        account: tr.getAttribute("data-account") || "",
        region: tr.getAttribute("data-region") || "",
        text: (check + " " + tr.textContent).toLowerCase(),
        shown: true,
      };
      rows.push(row);
      group.rows.push(row);
    });
    var listed = group.rows.slice();
    var data = div.querySelector("script.tail-data");
    if (data) group.tail = indexTail(group, data, listed, check, severity);
    groups.push(group);
    var control = controlOf.get(div.closest("section.control"));
    if (control) control.groups.push(group);
  });

  // ---- Collapsed rows ------------------------------------------------------------------------

  // A tail's JSON is { statuses: [[code, label, css]], rows: [row] } (src/report/html-tail.ts), a
  // row being [status index, name, arn, account, region, reason, lastChange, configRule, waiver,
  // evidence] with lastChange [eventName, time, principal, sourceIp] or null, configRule [name,
  // compliance, evidenceId] or null, waiver [reason, approvedBy, expires] or null, and evidence a
  // list of [id, sha256, href or null].
  function indexTail(group, script, listed, check, severity) {
    var parsed = JSON.parse(script.textContent);
    var tail = {
      rows: [],
      listed: listed,
      statuses: parsed.statuses,
      body: document.getElementById(script.getAttribute("data-tail")),
      table: group.el.querySelector("table.findings"),
      button: group.el.querySelector(".tail-toggle"),
      match: group.el.querySelector(".tail-match"),
      rendered: false,
      open: false,
    };
    tail.label = tail.button.textContent;
    parsed.rows.forEach(function (d) {
      var status = parsed.statuses[d[0]];
      var row = {
        el: null,
        data: d,
        status: status[0],
        check: check,
        severity: severity,
        account: d[3],
        region: d[4],
        text: (check + " " + rowText(d, status)).toLowerCase(),
        shown: true,
      };
      rows.push(row);
      group.rows.push(row);
      tail.rows.push(row);
    });
    tail.button.addEventListener("click", function () {
      toggleTail(tail);
    });
    tail.button.hidden = false;
    return tail;
  }

  /** The words a rendered row would show, so the text filter matches a row before it is drawn. */
  function rowText(d, status) {
    var words = [status[1], d[1], d[2], d[3], d[4], d[5]];
    if (d[6]) words.push("Last change:", d[6][0], "at", d[6][1], "by", d[6][2], "from", d[6][3]);
    if (d[7]) words.push("AWS Config rule", d[7][0], "reports", d[7][1], "(disagrees; evidence", d[7][2] + ")");
    if (d[8]) words.push("Waived until", d[8][2], "by", d[8][1] + ":", d[8][0]);
    d[9].forEach(function (e) {
      words.push(e[0], shortHash(e[1]));
    });
    return words.join(" ");
  }

  function toggleTail(tail) {
    if (!tail.rendered) {
      var rowsOut = document.createDocumentFragment();
      tail.rows.forEach(function (row) {
        row.el = renderRow(row.data, tail.statuses);
        row.el.hidden = !row.shown;
        rowsOut.appendChild(row.el);
      });
      tail.body.appendChild(rowsOut);
      tail.rendered = true;
    }
    tail.open = !tail.open;
    tail.body.hidden = !tail.open;
    tail.button.textContent = tail.open ? "Hide these rows" : tail.label;
    tail.button.setAttribute("aria-expanded", tail.open ? "true" : "false");
    showTable(tail);
  }

  /** The table shows while a listed row is visible or the tail is open, so no empty header stands alone. */
  function showTable(tail) {
    tail.table.hidden = !tail.open && !tail.listed.some(function (row) { return row.shown; });
  }

  function node(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return parent;
  }

  function shortHash(sha256) {
    return sha256.length > SHORT_HASH ? sha256.slice(0, SHORT_HASH) + "\u2026" : sha256;
  }

  /** The same cells as templates/partials/finding-row.hbs and evidence-ref.hbs. */
  function renderRow(d, statuses) {
    var status = statuses[d[0]];
    var tr = document.createElement("tr");
    tr.setAttribute("data-status", status[0]);
    tr.setAttribute("data-account", d[3]);
    tr.setAttribute("data-region", d[4]);
    append(tr, append(document.createElement("td"), node("span", "badge " + status[2], status[1])));
    append(tr, append(document.createElement("td"), node("span", "rname", d[1]), node("span", "arn", d[2])));
    append(tr, append(document.createElement("td"), d[3], document.createElement("br"), d[4]));
    var reason = append(document.createElement("td"), d[5]);
    if (d[6]) {
      append(reason, append(node("span", "note change"), "Last change: ", node("strong", "", d[6][0]), " at " + d[6][1] + " by ", node("span", "arn", d[6][2]), " from " + d[6][3]));
    }
    if (d[7]) {
      append(reason, append(node("span", "note disagree"), "AWS Config rule ", node("code", "", d[7][0]), " reports " + d[7][1] + " (disagrees; evidence " + d[7][2] + ")"));
    }
    if (d[8]) append(reason, node("span", "note waived", "Waived until " + d[8][2] + " by " + d[8][1] + ": " + d[8][0]));
    tr.appendChild(reason);
    var evidence = document.createElement("td");
    d[9].forEach(function (e) {
      // Our own anchors are fragment links; anything else is not made a link.
      var href = typeof e[2] === "string" && e[2].charAt(0) === "#" ? e[2] : null;
      var ref = node(href ? "a" : "span", "ev");
      if (href) ref.setAttribute("href", href);
      ref.setAttribute("title", "SHA-256 " + e[1]);
      append(evidence, append(ref, e[0] + " ", node("span", "hash", shortHash(e[1]))), " ");
    });
    tr.appendChild(evidence);
    return tr;
  }

  // ---- Filter -----------------------------------------------------------------------------------

  var form = document.getElementById("finding-filter");
  if (!form) return;
  var fields = {
    status: form.querySelector("[name=status]"),
    check: form.querySelector("[name=check]"),
    severity: form.querySelector("[name=severity]"),
    account: form.querySelector("[name=account]"),
    region: form.querySelector("[name=region]"),
    q: form.querySelector("[name=q]"),
  };
  var counter = document.getElementById("filter-count");
  var clear = form.querySelector("[name=clear]");

  function show(entry, visible) {
    if (entry.shown !== visible) {
      if (entry.el) entry.el.hidden = !visible;
      entry.shown = visible;
    }
  }

  function apply() {
    var want = {
      status: fields.status.value,
      check: fields.check.value,
      severity: fields.severity.value,
      account: fields.account.value,
      region: fields.region.value,
    };
    var terms = fields.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var active = terms.length > 0 || want.status || want.check || want.severity || want.account || want.region;
    var matched = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok =
        (!want.status || r.status === want.status) &&
        (!want.check || r.check === want.check) &&
        (!want.severity || r.severity === want.severity) &&
        (!want.account || r.account === want.account) &&
        (!want.region || r.region === want.region);
      for (var t = 0; ok && t < terms.length; t++) ok = r.text.indexOf(terms[t]) !== -1;
      show(r, ok);
      if (ok) matched++;
    }
    for (var g = 0; g < groups.length; g++) {
      var group = groups[g];
      show(group, group.rows.some(function (row) { return row.shown; }));
      if (group.tail) showTailMatches(group.tail, active);
    }
    for (var c = 0; c < controls.length; c++) {
      var control = controls[c];
      show(control, !active || control.groups.some(function (grp) { return grp.shown; }));
    }
    counter.textContent = active ? matched + " of " + rows.length + " findings match" : rows.length + " findings";
    form.setAttribute("data-active", active ? "true" : "false");
  }

  /** While a filter is on, a collapsed group says how many of its rows match, drawn or not. */
  function showTailMatches(tail, active) {
    var n = 0;
    for (var i = 0; i < tail.rows.length; i++) if (tail.rows[i].shown) n++;
    tail.match.hidden = !active;
    tail.match.textContent = active ? n + " of " + tail.rows.length + " match the filter." : "";
    showTable(tail);
  }

  var timer = null;
  function later() {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(function () {
      timer = null;
      apply();
    }, 150);
  }

  fields.q.addEventListener("input", later);
  ["status", "check", "severity", "account", "region"].forEach(function (name) {
    fields[name].addEventListener("change", apply);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  clear.addEventListener("click", function () {
    HTMLFormElement.prototype.reset.call(form);
    apply();
  });
  form.hidden = false;
  apply();
})();
