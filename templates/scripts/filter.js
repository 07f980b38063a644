/* global document, setTimeout, clearTimeout, HTMLFormElement */
// Findings filter of the HTML report. The report is one self-contained file: this script is inlined
// and allowed by its SHA-256 in the Content-Security-Policy. It only reads the rendered rows and
// toggles their `hidden` attribute; it never writes markup (counts go through textContent), so no
// value from the findings can become HTML.
(function () {
  "use strict";
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

  // The index: built once, so a keystroke scans plain objects instead of querying the DOM.
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
    var group = { el: div, rows: [], shown: true };
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
    groups.push(group);
    var control = controlOf.get(div.closest("section.control"));
    if (control) control.groups.push(group);
  });

  function show(entry, visible) {
    if (entry.shown !== visible) {
      entry.el.hidden = !visible;
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
    }
    for (var c = 0; c < controls.length; c++) {
      var control = controls[c];
      show(control, !active || control.groups.some(function (grp) { return grp.shown; }));
    }
    counter.textContent = active ? matched + " of " + rows.length + " findings match" : rows.length + " findings";
    form.setAttribute("data-active", active ? "true" : "false");
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
