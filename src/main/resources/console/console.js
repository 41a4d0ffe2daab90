// The Today page's hourly chart: uPlot over the JSON block the page carries. The page reads fine without it.
(function () {
  "use strict";
  var box = document.getElementById("hourly");
  var data = document.getElementById("hourly-data");
  if (!box || !data || typeof uPlot === "undefined") {
    return;
  }
  var d = JSON.parse(data.textContent);
  var colours = { SENT: "#2e8540", DEFERRED: "#d4a72c", SUPPRESSED: "#8a94a6", FAILED: "#c0392b" };
  var names = ["SENT", "DEFERRED", "SUPPRESSED", "FAILED"];
  var series = [{}];
  var columns = [d.x];
  names.forEach(function (n) {
    series.push({ label: n, stroke: colours[n], width: 2, points: { show: false } });
    columns.push(d[n]);
  });
  var width = Math.max(320, box.clientWidth - 16);
  // hours of the business day in the hub's zone, not the browser's
  new uPlot({ width: width, height: 180, series: series, legend: { show: true },
    tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), d.zone); },
    scales: { x: { time: true } }, axes: [{}, { size: 40 }] }, columns, box);
})();
