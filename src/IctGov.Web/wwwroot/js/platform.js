// The platform's one script besides ECharts. The Content-Security-Policy runs no inline script, so
// pages say what they want in data attributes: data-chart holds an element's ECharts options as
// JSON, data-autosubmit submits a select's form when it changes.
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
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
