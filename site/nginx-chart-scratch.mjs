import { init } from 'echarts';
const chart = init(null, null, { renderer: 'svg', ssr: true, width: 720, height: 320, locale: 'ZH' });
chart.setOption({ animation: false, textStyle: { fontFamily: 'PingFang SC, Microsoft YaHei, sans-serif' }, aria: { enabled: true, label: { enabled: false }, decal: { show: true } }, legend: { top: 0 }, xAxis: { type: 'category', data: ['2020年','2021年'] }, yAxis: { type: 'value', name: '件' }, series: [{ name: 'a', type: 'bar', label: { show: true, position: 'top' }, data: [1, 2] }] });
const svg = chart.renderToSVGString();
console.log([...new Set([...svg.matchAll(/style="([^"]*)"/g)].map((m) => m[1]))].join('\n'));
console.log([...new Set([...svg.matchAll(/<(\w+)/g)].map((m) => m[1]))].join(' '));
