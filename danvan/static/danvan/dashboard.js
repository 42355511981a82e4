// Stacked bar charts of the dashboard; data comes from json_script blocks (no inline script, CSP).
(function () {
  "use strict";
  var colours = {
    not_started: "#6c757d", on_track: "#0d6efd", due_soon: "#b35c00",
    overdue: "#c62828", done: "#2e7d32"
  };
  function draw(canvasId, dataId) {
    var el = document.getElementById(dataId);
    var canvas = document.getElementById(canvasId);
    if (!el || !canvas || typeof Chart === "undefined") { return; }
    var data = JSON.parse(el.textContent);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (d) {
          return { label: d.label, data: d.data, backgroundColor: colours[d.status] };
        })
      },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
  draw("chart-section", "data-section");
  draw("chart-unit", "data-unit");
})();
