// A background job's page (core/job.html): asks its status URL every two seconds and moves the
// bar, the count and the message, until the job is done or failed. No inline script (CSP);
// without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("viec-nen");
  if (!box || box.getAttribute("data-finished") === "1") { return; }
  var url = box.getAttribute("data-status-url");
  function part(name) { return box.querySelector('[data-job="' + name + '"]'); }
  function show(state) {
    part("status_label").textContent = state.status_label;
    part("note").textContent = state.note || "";
    part("done").textContent = state.done;
    part("total").textContent = state.total;
    part("count").hidden = !state.total;
    part("bar").value = state.percent;
    part("bar").textContent = state.percent + "%";
    part("message").textContent = state.message || "";
    part("message").classList.toggle("dv-danger", state.status === "loi");
    if (state.download) { part("download").href = state.download; }
    part("download-line").hidden = !state.download;
    if (state.url) { part("url").href = state.url; }
    part("url-line").hidden = !state.url;
    if (state.finished && part("hint")) { part("hint").hidden = true; }
  }
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (state) {
        show(state);
        if (!state.finished) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
