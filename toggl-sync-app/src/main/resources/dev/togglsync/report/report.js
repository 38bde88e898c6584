/* Draws the report's charts with Apache ECharts (inlined above) from the JSON in #report-data.
   The numbers and their labels come from the page's generator; nothing is computed here. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  // Paul Tol's colour-blind-safe "muted" scheme, then two more; ECharts' decal patterns
  // (aria.decal) add a texture per series, so colour is never the only cue.
  var palette = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677',
    '#882255', '#AA4499', '#6699CC', '#9E9E9E'];
  var charts = [];

  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    option.animation = false;
    option.color = option.color || palette;
    option.aria = { enabled: true, label: { enabled: false }, decal: { show: true } };
    option.textStyle = { fontFamily: 'system-ui, sans-serif' };
    chart.setOption(option);
    el.setAttribute('data-rendered', 'true');
    charts.push(chart);
  }

  function labels(list) {
    return function (p) { return list[p.dataIndex]; };
  }

  var narrow = window.innerWidth < 600;
  var w = data.weekly;
  draw('chart-weekly', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 8, right: 8, top: 28, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: w.weeks, axisLabel: { rotate: narrow ? 60 : 30 } },
    yAxis: { type: 'value', name: 'hours' },
    series: w.series.map(function (s) {
      return { name: s.name, type: 'bar', stack: 'hours', data: s.hours, emphasis: { focus: 'series' } };
    }).concat([{
      name: 'week total', type: 'line', data: w.totals, symbolSize: 4, lineStyle: { opacity: 0 },
      itemStyle: { color: '#1b1b1f' }, decal: null,
      label: { show: true, position: 'top', fontSize: narrow ? 9 : 11, formatter: labels(w.totalLabels) }
    }])
  });

  var b = data.billable;
  draw('chart-billable', {
    color: ['#117733', '#DDCC77'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 28, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: b.months },
    yAxis: { type: 'value', name: 'hours' },
    series: [
      { name: 'billable', type: 'bar', stack: 'm', data: b.billable, label: { show: true, formatter: labels(b.billableLabels) } },
      { name: 'non-billable', type: 'bar', stack: 'm', data: b.nonBillable, label: { show: true, formatter: labels(b.nonBillableLabels) } }
    ]
  });

  function horizontal(id, bars) {
    draw(id, {
      tooltip: { trigger: 'item' },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: 'hours' },
      yAxis: { type: 'category', inverse: true, data: bars.labels,
        axisLabel: { width: narrow ? 110 : 220, overflow: 'truncate' } },
      series: [{ name: 'hours', type: 'bar', data: bars.hours, colorBy: 'data',
        label: { show: true, position: 'right', formatter: labels(bars.hourLabels) } }]
    });
  }
  horizontal('chart-clients', data.clients);
  horizontal('chart-descriptions', data.descriptions);

  if (data.users) {
    var u = data.users;
    draw('chart-users', {
      tooltip: { position: 'top' },
      grid: { left: 8, right: 8, top: 8, bottom: 70, containLabel: true },
      xAxis: { type: 'category', data: u.weeks, splitArea: { show: true }, axisLabel: { rotate: narrow ? 60 : 30 } },
      yAxis: { type: 'category', data: u.users, inverse: true, splitArea: { show: true } },
      visualMap: { min: 0, max: u.max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#f7fcf5', '#74c476', '#00441b'] } },
      series: [{ name: 'hours', type: 'heatmap', data: u.cells,
        label: { show: !narrow && u.cells.length <= 400, fontSize: 9,
          formatter: function (p) { return u.cellLabels[p.dataIndex]; } } }]
    });
  }

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.body.setAttribute('data-charts', String(charts.length));
})();
