// Draws the dashboard's ECharts charts from the JSON in each chart element's data-bw-data, on page
// load and whenever htmx brings in a new part of the page (the trend is loaded after the counts).
(function () {
  function bars(el, data) {
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: 'bar', stack: 'all', data: s.data, itemStyle: { color: s.color } };
      })
    });
    return chart;
  }
  function trend(el, data) {
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: data.days },
      yAxis: [{ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', minInterval: 1 }],
      series: [
        { name: data.rateName, type: 'line', data: data.rate, smooth: true, itemStyle: { color: '#198754' } },
        { name: data.abnormalName, type: 'bar', yAxisIndex: 1, data: data.abnormal, itemStyle: { color: '#ffc107' } }
      ]
    });
    return chart;
  }
  function draw(root) {
    if (!window.echarts) {
      return;
    }
    root.querySelectorAll('[data-bw-chart]').forEach(function (el) {
      if (el.getAttribute('data-bw-drawn')) {
        return;
      }
      var data = JSON.parse(el.getAttribute('data-bw-data'));
      var chart = el.getAttribute('data-bw-chart') === 'trend' ? trend(el, data) : bars(el, data);
      el.setAttribute('data-bw-drawn', 'true');
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
  document.addEventListener('DOMContentLoaded', function () { draw(document); });
  document.addEventListener('htmx:afterSettle', function () { draw(document); });
})();
