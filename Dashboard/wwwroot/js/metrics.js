// Metrics: the latest value of every series, grouped by service and instrument.
import { attributeTable, el, getJson, number, select, setOptions, time } from './dom.js';

const filter = { service: '' };

export function mount(root) {
  const services = select('Service', [['', 'All services']], filter.service, value => { filter.service = value; refresh(); });
  const content = el('div', { id: 'metrics' });
  root.append(el('div', { class: 'toolbar' }, el('h1', {}, 'Metrics'), services), content);

  async function refresh() {
    const query = filter.service ? `?service=${encodeURIComponent(filter.service)}` : '';
    const [serviceNames, groups] = await Promise.all([
      getJson('/api/dashboard/services'),
      getJson(`/api/dashboard/metrics${query}`),
    ]);
    setOptions(services, [['', 'All services'], ...serviceNames.map(s => [s, s])]);
    content.replaceChildren(...(groups.length > 0
      ? groups.map(serviceSection)
      : [el('p', { class: 'muted' }, 'No metrics yet.')]));
  }

  return { topic: 'telemetry', refresh };
}

function serviceSection(group) {
  return el('section', { class: 'metric-service' },
    el('h2', {}, group.service),
    el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, ['Instrument', 'Series', 'Value', 'Count', 'Updated'].map(c => el('th', {}, c)))),
      el('tbody', {}, group.instruments.flatMap(instrument => instrument.series.map((series, index) => el('tr', {},
        el('td', {}, index === 0 ? [el('span', { class: 'name' }, instrument.name), instrument.unit ? el('span', { class: 'muted' }, ` (${instrument.unit})`) : null] : ''),
        el('td', {}, Object.keys(series.attributes).length > 0 ? attributeTable(series.attributes) : el('span', { class: 'muted' }, '–')),
        // A histogram's value is the sum of its observations; its count says how many there were.
        el('td', { class: 'num' }, number(series.value), series.count != null ? el('span', { class: 'muted' }, ' sum') : null),
        el('td', { class: 'num' }, series.count != null ? number(series.count) : ''),
        el('td', { class: 'nowrap' }, time(series.time))))))));
}
