'use strict';
// Read-only view over the Gatewatch query API. Every value from the API goes into the page as text
// (textContent), never as HTML: alert summaries and routes carry what clients sent.
(function () {
  const fromHash = new URLSearchParams(location.hash.slice(1));
  if (fromHash.get('token')) {
    sessionStorage.setItem('gatewatch-token', fromHash.get('token'));
    fromHash.delete('token');
    history.replaceState(null, '', location.pathname + (fromHash.toString() ? '#' + fromHash : ''));
  }

  function token() { return sessionStorage.getItem('gatewatch-token'); }

  function status(text, isError) {
    const s = document.getElementById('status');
    s.textContent = text;
    s.className = isError ? 'error' : '';
  }

  async function api(path) {
    const headers = token() ? { Authorization: 'Bearer ' + token() } : {};
    const r = await fetch(path, { headers: headers });
    if (r.status === 401) {
      document.getElementById('token-form').hidden = false;
      throw new Error('the API wants a token');
    }
    const body = await r.json();
    if (!r.ok) { throw new Error(body.error || ('HTTP ' + r.status)); }
    return body;
  }

  function cell(row, text, cls) {
    const td = row.insertCell();
    td.textContent = text == null ? '' : String(text);
    if (cls) { td.className = cls; }
    return td;
  }

  function clientLink(td, key) {
    td.textContent = '';
    const a = document.createElement('a');
    a.className = 'client';
    a.textContent = key;
    a.addEventListener('click', function () { showClient(key); });
    td.appendChild(a);
  }

  function pct(x) { return (Math.round(x * 1000) / 10) + ' %'; }

  async function loadAlerts() {
    const body = await api('/alerts/recent?limit=50');
    const tbody = document.querySelector('#alerts tbody');
    tbody.textContent = '';
    body.alerts.forEach(function (a) {
      const row = tbody.insertRow();
      row.className = 'alert';
      cell(row, a.detected_at);
      cell(row, a.severity, 'sev-' + a.severity);
      cell(row, a.detector);
      const c = cell(row, '');
      if (a.client && a.client.key) { clientLink(c, a.client.key); } else { c.textContent = (a.sources || []).join(', '); }
      cell(row, [a.method, a.route].filter(Boolean).join(' '));
      cell(row, a.summary);
    });
  }

  async function loadRoutes() {
    const body = await api('/routes');
    document.getElementById('spec').textContent = body.spec ? '(checked against ' + body.spec + ')' : '';
    const tbody = document.querySelector('#routes tbody');
    tbody.textContent = '';
    body.routes.forEach(function (r) {
      const row = tbody.insertRow();
      row.className = 'route';
      row.dataset.route = r.route;
      cell(row, r.route);
      cell(row, Object.keys(r.methods).join(' '));
      cell(row, r.requests);
      cell(row, r.rate_per_minute);
      cell(row, pct(r.error_rate));
      cell(row, pct(r.authenticated_share));
      cell(row, r.distinct_clients);
      cell(row, r.last_seen || 'never');
      const flags = cell(row, '');
      r.flags.forEach(function (f) {
        const span = document.createElement('span');
        span.className = 'flag flag-' + f;
        span.textContent = f;
        span.title = r.reasons.join('; ');
        flags.appendChild(span);
      });
    });
  }

  async function showClient(key) {
    document.getElementById('client-key').value = key;
    const out = document.getElementById('client');
    out.textContent = '';
    try {
      const body = await api('/clients/' + encodeURIComponent(key).replace(/%3A/gi, ':'));
      const h = document.createElement('h3');
      h.textContent = body.key + (body.ip ? ' (' + body.ip + ')' : '') + ', seen ' + body.first_seen + ' to ' + body.last_seen;
      out.appendChild(h);
      const list = document.createElement('ul');
      Object.keys(body.detectors).forEach(function (id) {
        const d = body.detectors[id];
        const li = document.createElement('li');
        li.className = 'detector';
        li.textContent = id + (d.alert.active ? ': alert open, revision ' + d.alert.revision : ': no open alert');
        const pre = document.createElement('pre');
        pre.textContent = JSON.stringify(d.state, null, 2);
        li.appendChild(pre);
        list.appendChild(li);
      });
      out.appendChild(list);
      const alerts = document.createElement('p');
      alerts.className = 'client-alerts';
      alerts.textContent = body.recent_alerts.length + ' recent alert(s): '
        + body.recent_alerts.map(function (a) { return a.detector + ' (' + a.severity + ')'; }).join(', ');
      out.appendChild(alerts);
    } catch (e) {
      out.textContent = String(e.message);
    }
  }

  async function refresh() {
    try {
      await Promise.all([loadAlerts(), loadRoutes()]);
      status('updated ' + new Date().toISOString().slice(11, 19), false);
    } catch (e) {
      status(String(e.message), true);
    }
  }

  document.getElementById('token-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    sessionStorage.setItem('gatewatch-token', document.getElementById('token').value);
    document.getElementById('token-form').hidden = true;
    refresh();
  });
  document.getElementById('client-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    showClient(document.getElementById('client-key').value.trim());
  });

  refresh();
  setInterval(refresh, 5000);
  if (fromHash.get('client')) { showClient(fromHash.get('client')); }
}());
