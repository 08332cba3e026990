// Console logs: a resource's process output, standard error highlighted, following new lines.
import { el, getJson, setOptions, time } from './dom.js';

// Colour codes some tools print even when their output is redirected; shown as plain text.
const ansi = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function mount(root, name) {
  const picker = el('select', {
    'aria-label': 'Resource',
    id: 'console-resource',
    onchange: () => { location.hash = `#/console/${encodeURIComponent(picker.value)}`; },
  });
  const follow = el('input', { type: 'checkbox', checked: true });
  const output = el('div', { class: 'console', id: 'console', role: 'log' });
  root.append(
    el('div', { class: 'toolbar' },
      el('h1', {}, 'Console logs'),
      picker,
      el('label', {}, follow, ' Follow output')),
    output);
  output.addEventListener('scroll', () => {
    // Scrolling up to read pauses following; scrolling back to the end resumes it.
    follow.checked = isAtEnd(output);
  });

  async function refresh() {
    const resources = await getJson('/api/dashboard/resources');
    setOptions(picker, resources.map(r => [r.name, r.name]));
    const selected = name ?? picker.value;
    if (name) picker.value = name;
    if (!selected) {
      output.replaceChildren(el('p', { class: 'muted' }, 'The application has no resources yet.'));
      return;
    }
    const lines = await getJson(`/api/dashboard/resources/${encodeURIComponent(selected)}/console`);
    if (lines == null) {
      output.replaceChildren(el('p', { class: 'muted' }, `There is no resource named ${selected}.`));
      return;
    }
    output.replaceChildren(...(lines.length > 0 ? lines.map(line) : [el('p', { class: 'muted' }, 'No output yet.')]));
    if (follow.checked) output.scrollTop = output.scrollHeight;
  }

  return { topic: 'resources', refresh };
}

function line(entry) {
  return el('div', { class: entry.isError ? 'line stderr' : 'line' },
    el('span', { class: 'ts' }, time(entry.timestamp)),
    el('span', { class: 'replica', title: 'Replica' }, `#${entry.replica}`),
    el('span', { class: 'text' }, entry.text.replace(ansi, '')));
}

function isAtEnd(node) {
  return node.scrollTop + node.clientHeight >= node.scrollHeight - 4;
}
