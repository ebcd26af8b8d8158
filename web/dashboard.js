/* global window, document */
// Draws each dashboard chart from its canvas's data-chart attribute (the same numbers as the
// table below it). Loaded after Chart.js; no inline script, so the page's CSP holds.
(function () {
  'use strict';
  var palette = ['#1f5fa8', '#c2571a', '#2e7d4f', '#7a4fa3', '#8a6d00', '#b0324f'];
  var canvases = document.querySelectorAll('canvas[data-chart]');
  if (typeof window.Chart !== 'function') return;
  Array.prototype.forEach.call(canvases, function (canvas) {
    var chart;
    try {
      chart = JSON.parse(canvas.getAttribute('data-chart'));
    } catch {
      return;
    }
    new window.Chart(canvas, {
      type: chart.kind,
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (series, i) {
          var colour = palette[i % palette.length];
          return { label: series.label, data: series.data, backgroundColor: colour, borderColor: colour, fill: false, tension: 0.2 };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true } },
        plugins: { legend: { display: chart.series.length > 1 } },
      },
    });
    canvas.setAttribute('data-drawn', 'true');
  });
})();
