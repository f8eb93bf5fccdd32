/* global document, window, EventSource, history */
// The scan page: start a scan through the JSON API, follow its progress over server-sent events,
// then show the report the server rendered (all of it escaped there). The form also works without
// this script: it posts to /scans and the server answers with a self-refreshing page.

const $ = (id) => document.getElementById(id);
const form = $('scan-form');
const input = $('url');
const button = $('scan-button');
const formError = $('form-error');
const progress = $('progress');
const bar = $('progress-bar');
const count = $('progress-count');
const probeList = $('probe-list');
const result = $('result');
const report = $('report');

const PROBE_LABELS = {
  http: 'HTTP → HTTPS redirect',
  page: 'the page',
  'not-found': 'a missing page',
  admin: '/admin/',
  'admin-login': 'admin login',
  env: '/.env',
  git: '/.git/',
  'debug-toolbar': 'debug toolbar',
  'bogus-host': 'unknown Host header',
  cors: 'CORS',
  tls: 'TLS certificate',
  'tls-TLSv1': 'TLS 1.0',
  'tls-TLSv1.1': 'TLS 1.1',
};

function label(probe) {
  return PROBE_LABELS[probe] ?? (probe.startsWith('bucket:') ? 'storage bucket listing' : probe);
}

function showError(message) {
  formError.textContent = message;
  formError.hidden = false;
  progress.hidden = true;
  button.disabled = false;
}

function renderProgress(state) {
  bar.max = Math.max(state.total, 1);
  bar.value = state.done;
  bar.textContent = `${state.done} of ${state.total}`;
  count.textContent = state.total ? `${state.done} of ${state.total} probes` : 'starting…';
  probeList.replaceChildren(
    ...state.finished.map((probe) => {
      const item = document.createElement('li');
      item.textContent = label(probe);
      return item;
    }),
  );
}

async function showReport(scan) {
  const response = await fetch(scan.links.view);
  if (!response.ok) return showError(`The report could not be loaded (HTTP ${response.status}).`);
  // Server-rendered and escaped there; the page's CSP would block any script in it regardless.
  report.innerHTML = await response.text();
  $('download-json').href = scan.links.json;
  $('download-html').href = scan.links.html;
  $('permalink').href = `/?scan=${encodeURIComponent(scan.id)}`;
  progress.hidden = true;
  result.hidden = false;
  button.disabled = false;
  report.querySelector('.grade')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

async function poll(scan) {
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await fetch(scan.links.self);
    if (!response.ok) return showError(`The scan could not be followed (HTTP ${response.status}).`);
    const current = await response.json();
    renderProgress(current.progress);
    if (current.status === 'done') return showReport(current);
    if (current.status === 'failed') return showError(`The scan failed: ${current.error}`);
    await new Promise((resolve) => window.setTimeout(resolve, 1000));
  }
  showError('The scan is taking too long; try the permalink later.');
}

function follow(scan) {
  formError.hidden = true;
  result.hidden = true;
  progress.hidden = false;
  $('progress-target').textContent = scan.target;
  renderProgress(scan.progress);
  if (scan.status === 'done') return showReport(scan);
  if (scan.status === 'failed') return showError(`The scan failed: ${scan.error}`);
  const events = new EventSource(scan.links.events);
  events.addEventListener('progress', (event) => renderProgress(JSON.parse(event.data)));
  events.addEventListener('done', () => {
    events.close();
    showReport(scan);
  });
  events.addEventListener('failed', (event) => {
    events.close();
    showError(`The scan failed: ${JSON.parse(event.data).error}`);
  });
  events.addEventListener('error', () => {
    events.close();
    poll(scan);
  });
}

async function start(url) {
  button.disabled = true;
  formError.hidden = true;
  let response;
  try {
    response = await fetch('/api/scans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) });
  } catch {
    return showError('The scanner could not be reached.');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) return showError(body.error ?? `The scan could not start (HTTP ${response.status}).`);
  history.replaceState(null, '', `/?scan=${encodeURIComponent(body.id)}`);
  follow(body);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  start(input.value.trim());
});

const shared = new URLSearchParams(window.location.search).get('scan');
if (shared) {
  fetch(`/api/scans/${encodeURIComponent(shared)}`)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((scan) => {
      input.value = scan.target;
      follow(scan);
    })
    .catch(() => showError('That scan is no longer available; results are kept for an hour.'));
}
