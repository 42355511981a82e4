// The overview's monthly charts: one per part, its data from the json_script block
// "overview-months" (no inline script: CSP). Bars for items that came in and were finished,
// a red line for those that fell late; sized by CSS so they stay readable on a phone.
(function () {
  "use strict";
  var el = document.getElementById("overview-months");
  if (!el || typeof Chart === "undefined") { return; }
  var parts = JSON.parse(el.textContent);
  function label(month) { return month.slice(5) + "/" + month.slice(0, 4); }
  document.querySelectorAll("canvas[data-part]").forEach(function (canvas) {
    var part = parts[canvas.getAttribute("data-part")];
    if (!part) { return; }
    var months = part.months;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: months.map(function (m) { return label(m.month); }),
        datasets: [
          { label: "Mới trong kỳ", data: months.map(function (m) { return m.new; }), backgroundColor: "#0d6efd" },
          { label: "Đã xong", data: months.map(function (m) { return m.done; }), backgroundColor: "#2e7d32" },
          { label: "Quá hạn", type: "line", data: months.map(function (m) { return m.late; }),
            borderColor: "#c62828", backgroundColor: "#c62828", pointRadius: 3, tension: 0 }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { ticks: { autoSkip: true, maxRotation: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } }
      }
    });
  });
})();
