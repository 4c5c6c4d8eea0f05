// The platform's one script besides ECharts. The Content-Security-Policy runs no inline script, so
// pages say what they want in data attributes: data-chart holds an element's ECharts options as
// JSON, data-autosubmit submits a select's form when it changes; the menu's lists close as menus do.
(function () {
    'use strict';
    function start() {
        document.querySelectorAll('[data-chart]').forEach(function (el) {
            var chart = echarts.init(el);
            chart.setOption(JSON.parse(el.getAttribute('data-chart')));
            window.addEventListener('resize', function () { chart.resize(); });
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
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
