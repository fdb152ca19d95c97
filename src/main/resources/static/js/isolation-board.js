// The occupancy chart of the isolation board: rooms of each zone by state, from the element's
// data-chart JSON; drawn again whenever htmx refreshes the board.
(function () {
  function draw() {
    var el = document.getElementById('occupancy-chart');
    if (!el || !window.echarts) {
      return;
    }
    var data = JSON.parse(el.getAttribute('data-chart'));
    var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el);
    var colors = ['#198754', '#0d6efd', '#ffc107', '#6c757d'];
    chart.setOption({
      animation: false,
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {top: 0},
      grid: {left: 40, right: 16, top: 36, bottom: 24},
      xAxis: {type: 'category', data: data.zones},
      yAxis: {type: 'value', minInterval: 1},
      series: data.series.map(function (s, i) {
        return {name: s.name, type: 'bar', stack: 'rooms', data: s.data, itemStyle: {color: colors[i]}};
      })
    }, true);
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', draw);
  document.addEventListener('htmx:afterSettle', draw);
})();
