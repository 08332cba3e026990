// Traces: the most recent traces, newest first, each one user action across the services it touched.
import { duration, el, getJson, select, serviceChip, setOptions, time } from './dom.js';

const filter = { service: '' };

export function mount(root) {
  const body = el('tbody');
  const services = select('Service', [['', 'All services']], filter.service, value => { filter.service = value; refresh(); });
  root.append(
    el('div', { class: 'toolbar' }, el('h1', {}, 'Traces'), services),
    el('table', { class: 'grid', id: 'traces' },
      el('thead', {}, el('tr', {}, ['Time', 'Name', 'Services', 'Spans', 'Duration', 'Status'].map(c => el('th', {}, c)))),
      body));

  async function refresh() {
    const query = new URLSearchParams({ limit: '200' });
    if (filter.service) query.set('service', filter.service);
    const [serviceNames, summaries] = await Promise.all([
      getJson('/api/dashboard/services'),
      getJson(`/api/dashboard/traces?${query}`),
    ]);
    setOptions(services, [['', 'All services'], ...serviceNames.map(s => [s, s])]);
    body.replaceChildren(...(summaries.length > 0
      ? summaries.map(row)
      : [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No traces yet.'))]));
  }

  return { topic: 'telemetry', refresh };
}

function row(trace) {
  return el('tr', { class: trace.hasError ? 'error' : null, 'data-trace': trace.traceId },
    el('td', { class: 'nowrap' }, time(trace.start)),
    el('td', {}, el('a', { href: `#/traces/${encodeURIComponent(trace.traceId)}` }, trace.rootName),
      el('span', { class: 'muted' }, ` ${trace.rootService}`)),
    el('td', {}, trace.services.map(serviceChip)),
    el('td', { class: 'num' }, trace.spanCount),
    el('td', { class: 'num' }, duration(trace.durationMs)),
    el('td', {}, trace.hasError ? el('span', { class: 'badge-error' }, 'Error') : el('span', { class: 'muted' }, 'OK')));
}
