// The control dashboard's charts: people under each measure today and open cases by category, from
// the data-chart JSON of the measure chart's element.
(function () {
  function bar(el, data, color) {
    var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el);
    chart.setOption({
      animation: false,
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      grid: {left: 120, right: 16, top: 8, bottom: 24},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', data: data.names, inverse: true},
      series: [{type: 'bar', data: data.values, itemStyle: {color: color}}]
    }, true);
    window.addEventListener('resize', function () { chart.resize(); });
  }
  function draw() {
    var m = document.getElementById('measure-chart');
    var c = document.getElementById('category-chart');
    if (!m || !window.echarts) {
      return;
    }
    var data = JSON.parse(m.getAttribute('data-chart'));
    bar(m, data.measures, '#0d6efd');
    if (c) {
      bar(c, data.categories, '#fd7e14');
    }
  }
  document.addEventListener('DOMContentLoaded', draw);
})();
