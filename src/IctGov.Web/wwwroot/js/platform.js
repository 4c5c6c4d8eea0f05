// The platform's one script besides ECharts. The Content-Security-Policy runs no inline script, so
// pages say what they want in data attributes: data-chart holds an element's ECharts options as
// JSON, data-autosubmit submits a select's form when it changes; the menu's lists close as menus do.
(function () {
    'use strict';
    function start() {
        var english = (document.documentElement.lang || '').indexOf('en') === 0;
        document.querySelectorAll('[data-chart]').forEach(function (el) {
            var option = JSON.parse(el.getAttribute('data-chart'));
            var table = tabulate(option, english);
            if (table && !table.rows.length && !el.classList.contains('spark')) {
                // Empty axes say nothing: say what the chart will show and where its data comes from.
                el.classList.add('chart-empty');
                el.textContent = el.getAttribute('data-empty') || (english ? 'No data yet.' : '暂无数据。');
                return;
            }
            var chart = echarts.init(el);
            chart.setOption(option);
            window.addEventListener('resize', function () { chart.resize(); });
            if (table) describe(el, table, english);
        });
        document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
            select.addEventListener('change', function () { select.form.submit(); });
        });
        // The menu's module lists: one open at a time, closed by a click elsewhere or Escape.
        var menus = document.querySelectorAll('details.menu');
        menus.forEach(function (menu) {
            menu.addEventListener('toggle', function () {
                if (menu.open) menus.forEach(function (other) { if (other !== menu) other.open = false; });
            });
        });
        document.addEventListener('click', function (e) {
            menus.forEach(function (menu) { if (!menu.contains(e.target)) menu.open = false; });
        });
        document.addEventListener('keydown', function (e) {
            if (e.key === 'Escape') menus.forEach(function (menu) { menu.open = false; });
        });
    }
    // A chart is a picture to a screen reader: it gets a name, and its figures as a table in a
    // <details> after it (WCAG 1.1.1), built from the same options. Series marked silent are drawing
    // aids (a projection band's stacked edges) whose numbers are not the chart's data.
    function axisLabel(axis, v) {
        axis = Array.isArray(axis) ? axis[0] : axis;
        return axis && axis.data && typeof v === 'number' && axis.data[v] !== undefined ? String(axis.data[v]) : String(v);
    }
    function cellValue(v) {
        if (v && typeof v === 'object' && !Array.isArray(v)) v = v.value;
        if (Array.isArray(v)) v = v[v.length - 1];
        return v === null || v === undefined || v === '-' ? '' : String(v);
    }
    function tabulate(option, english) {
        var series = (option.series || []).filter(function (s) { return !s.silent && Array.isArray(s.data); });
        if (!series.length) return null;
        var head, rows = [];
        if (series[0].type === 'heatmap') {
            head = [english ? 'Column' : '列', english ? 'Row' : '行', series[0].name || (english ? 'Value' : '数值')];
            series[0].data.forEach(function (d) {
                var v = Array.isArray(d) ? d : (d && d.value) || [];
                rows.push([axisLabel(option.xAxis, v[0]), axisLabel(option.yAxis, v[1]), cellValue(v[2])]);
            });
        } else if (series[0].type === 'pie') {
            head = [english ? 'Item' : '项目', series[0].name || (english ? 'Value' : '数值')];
            series[0].data.forEach(function (d) { rows.push([String(d.name), cellValue(d)]); });
        } else {
            // One row per category (x), one column per series.
            var keys = [], byKey = {};
            series.forEach(function (s, j) {
                s.data.forEach(function (d, i) {
                    var raw = d && typeof d === 'object' && !Array.isArray(d) ? d.value : d;
                    var key = Array.isArray(raw) ? axisLabel(option.xAxis, raw[0]) : axisLabel(option.xAxis, i);
                    if (!(key in byKey)) { byKey[key] = []; keys.push(key); }
                    byKey[key][j] = cellValue(raw);
                });
            });
            head = [''].concat(series.map(function (s) { return s.name || ''; }));
            keys.forEach(function (k) { rows.push([k].concat(series.map(function (s, j) { return byKey[k][j] || ''; }))); });
        }
        return { head: head, rows: rows, names: series.map(function (s) { return s.name || ''; }) };
    }
    function describe(el, t, english) {
        var head = t.head, rows = t.rows;
        el.setAttribute('role', 'img');
        if (el.classList.contains('spark')) {
            // A sparkline sits in a table row already: its figures go in its name, not a second table.
            el.setAttribute('aria-label', rows.map(function (r) { return r[0] + ' ' + r.slice(1).filter(Boolean).join(' '); }).join('; '));
            return;
        }
        var details = document.createElement('details');
        details.className = 'chart-data';
        var summary = document.createElement('summary');
        summary.textContent = english ? 'Chart data as a table' : '图表数据（表格）';
        details.appendChild(summary);
        var table = document.createElement('table');
        var tr = document.createElement('tr');
        head.forEach(function (h) { var th = document.createElement('th'); th.scope = 'col'; th.textContent = h; tr.appendChild(th); });
        var thead = document.createElement('thead'); thead.appendChild(tr); table.appendChild(thead);
        var tbody = document.createElement('tbody');
        rows.forEach(function (r) {
            var row = document.createElement('tr');
            r.forEach(function (c, i) { var cell = document.createElement(i === 0 ? 'th' : 'td'); if (i === 0) cell.scope = 'row'; cell.textContent = c; row.appendChild(cell); });
            tbody.appendChild(row);
        });
        table.appendChild(tbody);
        details.appendChild(table);
        el.setAttribute('aria-label', (english ? 'Chart: ' : '图表：') + t.names.join(', ')
            + (english ? '. Its data is in the table that follows.' : '。数据见其后的表格。'));
        el.parentNode.insertBefore(details, el.nextSibling);
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
