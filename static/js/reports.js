// Draws the report's chart from the figures in #report-chart-data (a json_script element:
// the CSP allows no inline script). Each series differs by line dash, point shape or fill
// pattern as well as colour, and the legend names it, so no reading depends on colour.
(function () {
  "use strict";
  var COLOURS = ["#1f5fbf", "#c0392b", "#1e8449", "#7d3c98", "#b9770e"];
  var DASHES = [[], [8, 4], [2, 3], [12, 3, 2, 3], [4, 8]];
  var POINTS = ["circle", "triangle", "rect", "rectRot", "crossRot"];

  function stripes(colour, index) {
    var size = 8, canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    var context = canvas.getContext("2d");
    context.fillStyle = colour;
    context.globalAlpha = index === 0 ? 0.85 : 0.25;
    context.fillRect(0, 0, size, size);
    if (index > 0) {
      context.globalAlpha = 1;
      context.strokeStyle = colour;
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(0, size);
      context.lineTo(size, 0);
      context.stroke();
    }
    return context.createPattern(canvas, "repeat");
  }

  function dataset(series, index, type) {
    var colour = COLOURS[index % COLOURS.length];
    var shaped = {
      label: series.label,
      data: series.data,
      borderColor: colour,
      borderWidth: 2,
    };
    if (type === "line") {
      shaped.borderDash = DASHES[index % DASHES.length];
      shaped.pointStyle = POINTS[index % POINTS.length];
      shaped.pointRadius = 4;
      shaped.backgroundColor = colour;
    } else {
      shaped.backgroundColor = stripes(colour, index);
    }
    return shaped;
  }

  function draw() {
    var source = document.getElementById("report-chart-data");
    var canvas = document.getElementById("report-chart");
    if (!source || !canvas || !window.Chart) return;
    var spec = JSON.parse(source.textContent);
    var chart = new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (series, index) {
          return dataset(series, index, spec.type);
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { labels: { usePointStyle: spec.type === "line" } } },
        scales: { y: { beginAtZero: true } },
      },
    });
    canvas.dataset.points = String(spec.labels.length);
    window.reportChart = chart;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
