// Structured logs: the OpenTelemetry log records services exported, filtered by service, level and text.
import { attributeTable, el, getJson, select, serviceChip, setOptions, time } from './dom.js';

const levels = ['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical'];
// Kept across navigation, so returning from a trace shows the same filtered list.
const filter = { service: '', level: '', search: '' };

export function mount(root) {
  const body = el('tbody');
  const services = select('Service', [['', 'All services']], filter.service, value => { filter.service = value; refresh(); });
  const level = select('Minimum level', [['', 'All levels'], ...levels.map(l => [l, `${l} and above`])], filter.level,
    value => { filter.level = value; refresh(); });
  let typing;
  const search = el('input', {
    type: 'search', placeholder: 'Search messages and attributes', 'aria-label': 'Search', value: filter.search,
    oninput: () => {
      clearTimeout(typing);
      typing = setTimeout(() => { filter.search = search.value; refresh(); }, 250);
    },
  });
  root.append(
    el('div', { class: 'toolbar' }, el('h1', {}, 'Structured logs'), services, level, search),
    el('table', { class: 'grid', id: 'logs' },
      el('thead', {}, el('tr', {}, ['Time', 'Service', 'Level', 'Message', 'Trace'].map(c => el('th', {}, c)))),
      body));

  async function refresh() {
    const query = new URLSearchParams({ limit: '500' });
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    const [serviceNames, records] = await Promise.all([
      getJson('/api/dashboard/services'),
      getJson(`/api/dashboard/logs?${query}`),
    ]);
    setOptions(services, [['', 'All services'], ...serviceNames.map(s => [s, s])]);
    body.replaceChildren(...(records.length > 0
      ? records.map(row)
      : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No structured logs match.'))]));
  }

  return { topic: 'telemetry', refresh };
}

function row(log) {
  const rank = levels.findIndex(l => log.severity.toLowerCase().startsWith(l.toLowerCase().slice(0, 4)));
  const hasAttributes = Object.keys(log.attributes).length > 0;
  return el('tr', { class: rank >= 4 ? 'error' : rank === 3 ? 'warning' : null },
    el('td', { class: 'nowrap' }, time(log.time)),
    el('td', {}, serviceChip(log.service)),
    el('td', {}, el('span', { class: `level level-${rank < 0 ? 2 : rank}` }, log.severity)),
    el('td', { class: 'message' }, hasAttributes
      ? el('details', {}, el('summary', {}, log.message), attributeTable(log.attributes))
      : log.message),
    el('td', {}, log.traceId
      ? el('a', { href: `#/traces/${encodeURIComponent(log.traceId)}`, title: log.traceId }, log.traceId.slice(0, 8))
      : ''));
}
