// DOM and formatting helpers. Every string from the server becomes a text node or an attribute value
// set through the DOM, never parsed as HTML: log lines and span attributes cannot inject markup.

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.flat(Infinity).filter(c => c != null && c !== false).map(c => (c instanceof Node ? c : String(c))));
  return node;
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (response.status === 401) {
    // The server's own page explains how to log in again.
    location.reload();
    throw new Error('Not logged in.');
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
  return response.json();
}

// Only web links become clickable; a "javascript:" URL from a resource is shown as text.
export function link(url) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      return el('a', { href: parsed.href, target: '_blank', rel: 'noopener noreferrer' }, url);
    }
  } catch { /* not a URL: a connection target, shown as text */ }
  return el('span', {}, url);
}

export function select(label, options, value, onchange) {
  const node = el('select', { 'aria-label': label, onchange: () => onchange(node.value) },
    options.map(([optionValue, text]) => el('option', { value: optionValue, selected: optionValue === value }, text)));
  return node;
}

export function setOptions(node, options) {
  const value = node.value;
  node.replaceChildren(...options.map(([optionValue, text]) => el('option', { value: optionValue }, text)));
  node.value = options.some(([optionValue]) => optionValue === value) ? value : options[0]?.[0] ?? '';
}

export function attributeTable(attributes) {
  const entries = Object.entries(attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return el('p', { class: 'muted' }, 'No attributes.');
  return el('table', { class: 'attributes' },
    el('tbody', {}, entries.map(([key, value]) => el('tr', {}, el('th', {}, key), el('td', {}, value)))));
}

export function time(iso) {
  const date = new Date(iso);
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function duration(ms) {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function number(value) {
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toLocaleString('en', { maximumFractionDigits: 3 });
}

// A stable colour per service, so one service's spans look alike across the waterfall.
export function hue(text) {
  let hash = 0;
  for (const c of text) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return Math.abs(hash) % 360;
}

export function serviceChip(service) {
  const chip = el('span', { class: 'chip' }, service);
  chip.style.setProperty('--hue', hue(service));
  return chip;
}
