// One trace as a waterfall: each span under its parent, its bar placed on the trace's timeline.
// Clicking a span shows its attributes; failed spans are red.
import { attributeTable, duration, el, getJson, hue, serviceChip, time } from './dom.js';

export function mount(root, traceId) {
  const header = el('div', { class: 'trace-header' });
  const waterfall = el('div', { class: 'waterfall', id: 'waterfall' });
  const logs = el('div', { class: 'trace-logs' });
  // Which spans show their attributes, kept while new spans of the trace arrive.
  const open = new Set();
  root.append(el('p', {}, el('a', { href: '#/traces' }, '← All traces')), header, waterfall, logs);

  async function refresh() {
    const trace = await getJson(`/api/dashboard/traces/${encodeURIComponent(traceId)}`);
    if (trace == null) {
      header.replaceChildren(el('h1', {}, 'Trace not found'),
        el('p', { class: 'muted' }, `No spans of trace ${traceId} are kept (yet).`));
      return;
    }
    const first = trace.spans.find(s => s.depth === 0) ?? trace.spans[0];
    header.replaceChildren(
      el('h1', {}, first.name),
      el('p', { class: 'muted' },
        `Trace ${trace.traceId} · started ${time(trace.start)} · ${duration(trace.durationMs)} · ${trace.spans.length} spans · `,
        trace.services.map(serviceChip)));
    waterfall.replaceChildren(
      el('div', { class: 'span-row heading' }, el('span', {}, 'Span'), el('span', {}, 'Timeline'), el('span', {}, 'Duration')),
      ...trace.spans.flatMap(span => spanRows(span, trace.durationMs, open)));
    logs.replaceChildren(...(trace.logs.length > 0 ? [el('h2', {}, 'Logs in this trace'), logTable(trace.logs)] : []));
  }

  return { topic: 'telemetry', refresh };
}

function spanRows(span, total, open) {
  const details = el('div', { class: 'span-details', hidden: !open.has(span.spanId) },
    span.statusMessage ? el('p', { class: 'status-message' }, span.statusMessage) : null,
    el('p', { class: 'muted' }, `Span ${span.spanId}`, span.parentSpanId ? ` · parent ${span.parentSpanId}` : ''),
    attributeTable(span.attributes));
  const bar = el('span', { class: 'bar' });
  const scale = total > 0 ? total : 1;
  bar.style.left = `${(span.offsetMs / scale) * 100}%`;
  bar.style.width = `${Math.max((span.durationMs / scale) * 100, 0.3)}%`;
  bar.style.setProperty('--hue', hue(span.service));
  const label = el('span', { class: 'label' },
    el('span', { class: 'name' }, span.name), ' ', serviceChip(span.service), el('span', { class: 'kind' }, span.kind));
  label.style.paddingLeft = `${span.depth * 1.25}rem`;
  const row = el('div', {
    class: span.isError ? 'span-row failed' : 'span-row',
    'data-span': span.spanId,
    role: 'button',
    tabindex: 0,
    'aria-expanded': open.has(span.spanId),
    onclick: () => toggle(),
    onkeydown: event => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(); } },
  }, label, el('span', { class: 'timeline' }, bar), el('span', { class: 'num' }, duration(span.durationMs)));

  function toggle() {
    if (open.has(span.spanId)) open.delete(span.spanId);
    else open.add(span.spanId);
    details.hidden = !open.has(span.spanId);
    row.setAttribute('aria-expanded', open.has(span.spanId));
  }
  return [row, details];
}

function logTable(logs) {
  return el('table', { class: 'grid' },
    el('thead', {}, el('tr', {}, ['Time', 'Service', 'Level', 'Message'].map(c => el('th', {}, c)))),
    el('tbody', {}, logs.map(log => el('tr', {},
      el('td', { class: 'nowrap' }, time(log.time)),
      el('td', {}, serviceChip(log.service)),
      el('td', {}, log.severity),
      el('td', { class: 'message' }, log.message)))));
}
