// Live updates for the console: the server says what changed, the page fetches it and
// renders with textContent only (what people write is never HTML here).
(function () {
  'use strict';
  var page = document.body.getAttribute('data-page');
  if (!page || !window.EventSource) { return; }

  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); return td; }

  function refreshQueue() {
    fetch('/console/queue.json', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (rows) {
      var body = document.querySelector('#queue tbody');
      body.textContent = '';
      rows.forEach(function (row) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-ticket', row.id);
        var link = document.createElement('a');
        link.href = '/console/tickets/' + row.id;
        link.textContent = '#' + row.id;
        cell(tr, '').appendChild(link);
        cell(tr, row.waiting);
        cell(tr, row.channel);
        cell(tr, row.lang);
        cell(tr, row.summary).className = 'summary';
        body.appendChild(tr);
      });
      document.getElementById('queue-empty').hidden = rows.length > 0;
    });
  }

  function refreshTicket(id) {
    var list = document.getElementById('transcript');
    fetch('/console/tickets/' + id + '/transcript.json', { credentials: 'same-origin' }).then(function (r) { return r.json(); })
      .then(function (view) {
        if (view.status !== document.getElementById('status').textContent) { location.reload(); return; }
        list.textContent = '';
        view.transcript.forEach(function (e) {
          var li = document.createElement('li');
          li.className = 'entry ' + e.author;
          li.setAttribute('data-seq', e.seq);
          var who = document.createElement('span');
          who.className = 'who';
          who.textContent = list.getAttribute('data-l-' + e.author) || e.author;
          var text = document.createElement('span');
          text.className = 'text';
          text.textContent = e.text;
          li.appendChild(who);
          li.appendChild(text);
          if (e.sources && e.sources.length) {
            var meta = document.createElement('span');
            meta.className = 'meta';
            meta.textContent = list.getAttribute('data-l-sources') + ': ' + e.sources.map(function (s) {
              return s.title + ' (' + s.id + ')';
            }).join(', ') + (e.confidence != null ? ' · ' + list.getAttribute('data-l-confidence') + ' ' + e.confidence.toFixed(2) : '');
            li.appendChild(meta);
          }
          list.appendChild(li);
        });
      });
  }

  var events = new EventSource('/console/events');
  events.addEventListener('queue', function () { if (page === 'queue') { refreshQueue(); } });
  events.addEventListener('ticket', function (e) {
    var id = document.body.getAttribute('data-ticket');
    if (page === 'ticket' && e.data === id) { refreshTicket(id); }
  });
  events.addEventListener('hello', function () {
    if (page === 'queue') { refreshQueue(); }
  });
})();
