// Resources: every resource of the application with its state, health, URLs, restarts and processes.
import { el, getJson, link, time } from './dom.js';

const columns = ['Name', 'Type', 'State', 'Health', 'URLs', 'Restarts', 'PIDs', 'Started', 'Message'];
const states = ['waiting', 'starting', 'running', 'stopping', 'stopped', 'exited', 'failedtostart'];

export function mount(root) {
  const body = el('tbody');
  root.append(
    el('h1', {}, 'Resources'),
    el('table', { class: 'grid', id: 'resources' },
      el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c)))),
      body));

  async function refresh() {
    const resources = await getJson('/api/dashboard/resources');
    body.replaceChildren(...(resources.length > 0
      ? resources.map(row)
      : [el('tr', {}, el('td', { colspan: columns.length, class: 'muted' }, 'The application has no resources yet.'))]));
  }

  return { topic: 'resources', refresh };
}

function row(resource) {
  const state = resource.state.toLowerCase();
  const exit = resource.exitCode != null && state !== 'running' ? ` (exit code ${resource.exitCode})` : '';
  return el('tr', { 'data-resource': resource.name },
    el('td', {}, el('a', { href: `#/console/${encodeURIComponent(resource.name)}`, title: 'Console logs' }, resource.name)),
    el('td', {}, resource.type),
    el('td', {}, el('span', { class: `state state-${states.includes(state) ? state : 'other'}` }, resource.state + exit)),
    el('td', {}, resource.health
      ? el('span', { class: `health health-${resource.health.toLowerCase() === 'healthy' ? 'good' : 'bad'}` }, resource.health)
      : el('span', { class: 'muted' }, '–')),
    el('td', { class: 'urls' }, resource.urls.map(link)),
    el('td', { class: 'num' }, resource.restarts),
    el('td', { class: 'num' }, resource.processIds.join(', ')),
    el('td', {}, resource.startedAt ? time(resource.startedAt) : ''),
    el('td', { class: 'message' }, resource.message ?? ''));
}
