// The console's behaviour: live updates (the server says what changed, the page fetches it and
// renders with textContent only: what people write is never HTML here), alerts for new and
// overdue tickets, the ticket page's composer, confirmation dialogs and long cells.
(function () {
  'use strict';
  var page = document.body.getAttribute('data-page');
  // Once a form is on its way (claim, close, delete), the page no longer reloads itself: a
  // reload would cancel the form's navigation.
  var leaving = false;
  document.addEventListener('submit', function (e) { if (!e.defaultPrevented) { leaving = true; } });
  // times in the centre's zone, as the server names it (the browser's own where a page lacks it)
  var zoneMeta = document.querySelector('meta[name="lotse-zone"]');
  var ZONE = zoneMeta ? zoneMeta.content : undefined;
  var lang = document.documentElement.lang || 'de';

  function label(el, key) { var host = el && el.closest('[data-l-' + key + ']'); return host ? host.getAttribute('data-l-' + key) : ''; }
  function fill(text, value) { return text.replace('{0}', value); }

  // --- confirmation dialogs: a form with data-confirm-* asks before it is sent -------------------
  var dialog = document.getElementById('confirm-dialog');
  if (dialog && typeof dialog.showModal === 'function') {
    var pending = null;
    document.querySelectorAll('form[data-confirm-title]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (form.querySelector('input[name=confirm]')) { return; }
        e.preventDefault();
        pending = form;
        document.getElementById('confirm-title').textContent = form.getAttribute('data-confirm-title');
        document.getElementById('confirm-text').textContent = form.getAttribute('data-confirm-text');
        document.getElementById('confirm-yes').textContent = form.getAttribute('data-confirm-yes');
        document.getElementById('confirm-no').textContent = form.getAttribute('data-confirm-no');
        dialog.returnValue = '';
        dialog.showModal();
        document.getElementById('confirm-no').focus(); // the safe choice first
      });
    });
    document.getElementById('confirm-no').addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('close', function () {
      if (pending && dialog.returnValue !== 'yes') { var b = pending.querySelector('button'); if (b) { b.focus(); } pending = null; }
    });
    document.getElementById('confirm-yes').addEventListener('click', function () {
      var form = pending;
      dialog.returnValue = 'yes';
      dialog.close();
      var yes = document.createElement('input');
      yes.type = 'hidden'; yes.name = 'confirm'; yes.value = 'yes';
      form.appendChild(yes);
      leaving = true;
      form.submit();
    });
  }

  // --- long cells: clamped, with a button to see all ----------------------------------------------
  function clampLong(root) {
    (root || document).querySelectorAll('.long').forEach(function (el) {
      if (el.getAttribute('data-clamped') || el.scrollHeight <= el.clientHeight + 2) { return; }
      el.setAttribute('data-clamped', 'yes');
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'more';
      b.textContent = label(el, 'more') || '…';
      b.setAttribute('aria-expanded', 'false');
      b.addEventListener('click', function () {
        var open = el.classList.toggle('open');
        b.setAttribute('aria-expanded', String(open));
        b.textContent = label(el, open ? 'less' : 'more');
      });
      el.insertAdjacentElement('afterend', b);
    });
  }
  clampLong();

  // --- alerts: a sound, a desktop notification, the count in the tab title; each switchable --------
  var PREFS = 'ikoe-lotse-console-alerts';
  var prefs = { sound: true, desktop: false, title: true };
  try { Object.assign(prefs, JSON.parse(localStorage.getItem(PREFS)) || {}); } catch (e) { /* defaults */ }
  var panel = document.getElementById('alerts');
  var note = document.getElementById('alert-note');
  window.__lotseAlerts = []; // what was signalled, for whoever wants to look (the browser tests do)
  if (panel) {
    panel.querySelectorAll('input[data-alert]').forEach(function (box) {
      var key = box.getAttribute('data-alert');
      box.checked = !!prefs[key];
      box.addEventListener('change', function () {
        prefs[key] = box.checked;
        if (key === 'desktop' && box.checked && window.Notification && Notification.permission !== 'granted') {
          Notification.requestPermission().then(function (p) {
            if (p !== 'granted') { box.checked = false; prefs.desktop = false; note.textContent = panel.getAttribute('data-l-blocked'); save(); }
          });
        }
        save();
        showCount();
      });
    });
  }
  function save() { localStorage.setItem(PREFS, JSON.stringify(prefs)); }

  var baseTitle = document.title;
  var waitingCount = 0;
  function showCount() {
    document.title = prefs.title && waitingCount > 0 ? '(' + waitingCount + ') ' + baseTitle : baseTitle;
  }

  var audio = null;
  function beep(high) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      [0, 0.18].forEach(function (at, i) {
        var o = audio.createOscillator(); var g = audio.createGain();
        o.frequency.value = high ? 880 + i * 220 : 660 + i * 110;
        g.gain.setValueAtTime(0.001, audio.currentTime + at);
        g.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + at + 0.02);
        g.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + at + 0.15);
        o.connect(g); g.connect(audio.destination);
        o.start(audio.currentTime + at); o.stop(audio.currentTime + at + 0.16);
      });
      return true;
    } catch (e) { return false; }
  }

  function signal(kind, id) {
    var text = fill(panel ? panel.getAttribute('data-l-' + kind) : kind, '#' + id);
    var done = { kind: kind, ticket: Number(id), sound: false, desktop: false };
    if (prefs.sound) { done.sound = beep(kind === 'overdue'); }
    if (prefs.desktop && window.Notification && Notification.permission === 'granted') {
      try {
        var n = new Notification('IKÖ-Lotse', { body: text, tag: kind + '-' + id, icon: '/favicon.svg' });
        n.onclick = function () { window.focus(); location.href = '/console/tickets/' + id; };
        done.desktop = true;
      } catch (e) { /* some browsers allow notifications only from a service worker */ }
    }
    window.__lotseAlerts.push(done);
  }

  var overdueAfter = Number(panel ? panel.getAttribute('data-overdue-after') : 0) * 1000;
  var known = null;      // ids of waiting tickets seen so far; null until the first look
  var overdue = {};      // ids already signalled as overdue

  function isOverdue(row) { return row.overdue || (overdueAfter > 0 && Date.now() - Date.parse(row.since) >= overdueAfter); }

  function look(rows) {
    var first = known === null;
    var now = {};
    rows.forEach(function (row) {
      now[row.id] = true;
      if (!first && !known[row.id]) { signal('new', row.id); }
      if (isOverdue(row) && !overdue[row.id]) {
        overdue[row.id] = true;
        if (!first) { signal('overdue', row.id); }
      }
    });
    known = now;
    waitingCount = rows.length;
    showCount();
  }

  // --- "wartet seit" advances by itself; a row turns overdue when its time is up -------------------
  function since(ms) {
    var minutes = Math.max(0, Math.floor(ms / 60000));
    return minutes < 60 ? minutes + ' min' : Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }
  function tick() {
    document.querySelectorAll('.waiting[data-since]').forEach(function (el) {
      var waited = Date.now() - Date.parse(el.getAttribute('data-since'));
      el.textContent = since(waited);
      var tr = el.closest('tr');
      if (overdueAfter > 0 && waited >= overdueAfter && tr && !tr.classList.contains('overdue')) {
        markOverdue(tr);
        var id = tr.getAttribute('data-ticket');
        if (!overdue[id]) { overdue[id] = true; signal('overdue', id); }
      }
    });
  }
  function markOverdue(tr) {
    tr.classList.add('overdue');
    var badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = label(tr, 'overdue');
    tr.querySelector('td').appendChild(document.createTextNode(' '));
    tr.querySelector('td').appendChild(badge);
  }

  function cell(tr, name, text) {
    var td = document.createElement('td');
    td.setAttribute('data-label', label(tr.closest('table') || document.getElementById('queue'), name));
    if (text !== undefined) { td.textContent = text; }
    tr.appendChild(td);
    return td;
  }

  function renderQueue(rows) {
    var table = document.getElementById('queue');
    var body = table.querySelector('tbody');
    // the same tickets as shown: leave the rows alone (a click on one may be under way)
    var shown = [].map.call(body.querySelectorAll('tr'), function (tr) { return tr.getAttribute('data-ticket'); }).join(',');
    if (shown === rows.map(function (r) { return String(r.id); }).join(',')) { return; }
    body.textContent = '';
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-ticket', row.id);
      body.appendChild(tr);
      var link = document.createElement('a');
      link.href = '/console/tickets/' + row.id;
      link.textContent = '#' + row.id;
      cell(tr, 'ticket').appendChild(link);
      var waiting = document.createElement('span');
      waiting.className = 'waiting';
      waiting.setAttribute('data-since', row.since);
      waiting.textContent = row.waiting;
      cell(tr, 'waiting').appendChild(waiting);
      cell(tr, 'channel', row.channel);
      cell(tr, 'lang', row.lang);
      var summary = document.createElement('div');
      summary.className = 'summary long';
      summary.textContent = row.summary;
      cell(tr, 'summary').appendChild(summary);
      if (isOverdue(row)) { markOverdue(tr); }
    });
    document.getElementById('queue-empty').hidden = rows.length > 0;
    clampLong(table);
  }

  function refreshQueue() {
    return fetch('/console/queue.json', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (rows) {
      look(rows);
      if (page === 'queue') { renderQueue(rows); }
    });
  }

  // --- the ticket page: a compact transcript that stays where the reader is ------------------------
  var list = document.getElementById('transcript');
  var timeFormat = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone: ZONE });
  var fullFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE });

  function atBottom() { return !list || list.scrollHeight - list.scrollTop - list.clientHeight < 40; }
  function toBottom() { if (list) { list.scrollTop = list.scrollHeight; } }

  function entry(e) {
    var li = document.createElement('li');
    li.className = 'entry ' + e.author;
    li.setAttribute('data-seq', e.seq);
    var head = document.createElement('div');
    head.className = 'head';
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = e.author === 'counsellor' && e.counsellor ? e.counsellor : (list.getAttribute('data-l-' + e.author) || e.author);
    head.appendChild(who);
    if (e.at) {
      var time = document.createElement('time');
      time.setAttribute('datetime', e.at);
      time.title = fullFormat.format(new Date(e.at));
      time.textContent = timeFormat.format(new Date(e.at));
      head.appendChild(document.createTextNode(' '));
      head.appendChild(time);
    }
    li.appendChild(head);
    var text = document.createElement('div');
    text.className = 'text';
    text.textContent = e.text;
    li.appendChild(text);
    if (e.sources && e.sources.length) {
      var meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = list.getAttribute('data-l-sources') + ': ' + e.sources.map(function (s) { return s.title; }).join(', ')
        + (e.confidence != null ? ' · ' + list.getAttribute('data-l-confidence') + ' ' + e.confidence.toFixed(2).replace('.', lang === 'de' ? ',' : '.') : '');
      li.appendChild(meta);
    }
    return li;
  }

  function refreshTicket(id) {
    return fetch('/console/tickets/' + id + '/transcript.json', { credentials: 'same-origin' }).then(function (r) { return r.json(); })
      .then(function (view) {
        if (leaving) { return; }
        if (view.status !== document.getElementById('status').getAttribute('data-status')) { location.reload(); return; }
        var follow = atBottom();
        var have = {};
        list.querySelectorAll('li[data-seq]').forEach(function (li) { have[li.getAttribute('data-seq')] = true; });
        view.transcript.forEach(function (e) { if (!have[e.seq]) { list.appendChild(entry(e)); } });
        if (follow) { toBottom(); }
      });
  }

  if (page === 'ticket' && list) {
    toBottom();
    var form = document.getElementById('reply-form');
    if (form) {
      var reply = document.getElementById('reply');
      var problem = document.getElementById('reply-problem');
      var ticketId = document.body.getAttribute('data-ticket');
      reply.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
      });
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        if (!reply.value.trim()) { return; }
        var button = document.getElementById('send');
        button.disabled = true;
        problem.hidden = true;
        fetch(form.action, { method: 'POST', credentials: 'same-origin', headers: { 'X-Console-Fetch': '1' }, body: new URLSearchParams(new FormData(form)) })
          .then(function (r) {
            if (r.status === 204) { reply.value = ''; return refreshTicket(ticketId).then(toBottom); }
            return r.text().then(function (why) { throw new Error(why || ('HTTP ' + r.status)); });
          })
          .catch(function (err) { problem.textContent = err.message; problem.hidden = false; })
          .then(function () { button.disabled = false; reply.focus({ preventScroll: true }); });
      });
    }
  }

  // --- the live channel --------------------------------------------------------------------------
  if (!window.EventSource || !panel) { return; }
  var events = new EventSource('/console/events');
  events.addEventListener('queue', function () { refreshQueue(); });
  events.addEventListener('overdue', function () { refreshQueue(); });
  events.addEventListener('ticket', function (e) {
    var id = document.body.getAttribute('data-ticket');
    if (page === 'ticket' && e.data === id) { refreshTicket(id); }
  });
  events.addEventListener('hello', function () { refreshQueue(); });
  setInterval(tick, 15000);
})();
