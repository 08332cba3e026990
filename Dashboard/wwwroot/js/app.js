// The router and live updates: one view at a time, refreshed when the server says its data changed.
import { getJson } from './dom.js';
import * as resources from './resources.js';
import * as consoleLogs from './console.js';
import * as logs from './logs.js';
import * as traces from './traces.js';
import * as trace from './trace.js';
import * as metrics from './metrics.js';

const views = {
  resources: resources.mount,
  console: consoleLogs.mount,
  logs: logs.mount,
  traces: traces.mount,
  metrics: metrics.mount,
};

let current = null;

function route() {
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const argument = rest.length > 0 && rest[0] !== '' ? decodeURIComponent(rest.join('/')) : null;
  const viewName = name in views ? name : 'resources';
  const mount = viewName === 'traces' && argument ? trace.mount : views[viewName];
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.dataset.view === viewName);
  }
  const root = document.getElementById('view');
  root.replaceChildren();
  current = { ...mount(root, argument), busy: false, pending: false };
  refresh(current);
}

// One fetch per view at a time; changes that arrive meanwhile cause a single follow-up refresh.
async function refresh(view) {
  if (view.busy) {
    view.pending = true;
    return;
  }
  view.busy = true;
  try {
    await view.refresh();
    showError(null);
  } catch (error) {
    showError(error);
  } finally {
    view.busy = false;
    if (view.pending && view === current) {
      view.pending = false;
      refresh(view);
    }
  }
}

function showError(error) {
  const banner = document.getElementById('error');
  banner.hidden = error == null;
  banner.textContent = error == null ? '' : `Could not load: ${error.message}`;
}

function listen() {
  const live = document.getElementById('live');
  const events = new EventSource('/api/dashboard/events');
  const onChange = topic => () => {
    if (current?.topic === topic) refresh(current);
  };
  events.addEventListener('resources', onChange('resources'));
  events.addEventListener('telemetry', onChange('telemetry'));
  events.onopen = () => {
    live.classList.add('on');
    live.title = 'Live updates: connected';
  };
  events.onerror = () => {
    live.classList.remove('on');
    live.title = 'Live updates: reconnecting';
  };
}

async function start() {
  window.addEventListener('hashchange', route);
  route();
  listen();
  const info = await getJson('/api/dashboard/info');
  if (info) {
    document.title = `${info.applicationName} dashboard`;
    document.getElementById('app-name').textContent = info.applicationName;
  }
}

start();
