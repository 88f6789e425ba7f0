// Follows a background job (opdracht) until it is finished; the page works without it too.
(function () {
  "use strict";
  const panel = document.getElementById("opdracht");
  if (!panel) { return; }
  const url = panel.dataset.statusUrl;
  const field = (name) => panel.querySelector('[data-field="' + name + '"]');
  const bar = panel.querySelector("progress");

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => response.json())
      .then((job) => {
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        field("status").textContent = job.status_label;
        field("message").textContent = job.message;
        if (job.has_file) { field("download").hidden = false; }
        if (!job.finished) { window.setTimeout(poll, 1000); }
      })
      .catch(() => window.setTimeout(poll, 3000));
  }
  window.setTimeout(poll, 500);
})();
