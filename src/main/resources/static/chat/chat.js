// The web chat: talks to /api/chat, keeps its session across reloads, and never renders
// message text as HTML (textContent only).
(function () {
  'use strict';
  var TEXTS = {
    de: { title: 'IKÖ-Lotse', stateBot: 'Sie schreiben mit dem Bot.', stateWaiting: 'Sie warten auf eine Beraterin oder einen Berater.',
          stateCounsellor: 'Sie schreiben mit einer Beraterin oder einem Berater.', privacy: 'Automatischer Assistent. Was gespeichert wird:',
          privacyLink: 'Datenschutz', inputLabel: 'Ihre Nachricht', send: 'Senden', placeholder: 'Ihre Frage, z. B. „Was ist interkulturelle Öffnung?“',
          user: 'Sie', bot: 'IKÖ-Lotse', counsellor: 'Beratung', system: 'Hinweis', sources: 'Quellen',
          error: 'Die Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es gleich noch einmal.', messages: 'Nachrichten' },
    en: { title: 'IKÖ-Lotse', stateBot: 'You are writing with the bot.', stateWaiting: 'You are waiting for a counsellor.',
          stateCounsellor: 'You are writing with a counsellor.', privacy: 'Automated assistant. What is stored:',
          privacyLink: 'Privacy', inputLabel: 'Your message', send: 'Send', placeholder: 'Your question, e.g. "What is intercultural opening?"',
          user: 'You', bot: 'IKÖ-Lotse', counsellor: 'Counsellor', system: 'Notice', sources: 'Sources',
          error: 'The message could not be sent. Please try again in a moment.', messages: 'Messages' }
  };
  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') || ((navigator.language || 'de').indexOf('en') === 0 ? 'en' : 'de');
  if (!TEXTS[lang]) { lang = 'de'; }
  var t = TEXTS[lang];
  var KEY = 'ikoe-lotse-chat';
  var list = document.getElementById('messages');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var stateLine = document.getElementById('chat-state');
  var errorLine = document.getElementById('error');
  var seen = {};
  var lastSeq = 0;
  var session = null;
  var stream = null;

  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t[el.getAttribute('data-i18n')]; });
  input.placeholder = t.placeholder;
  list.setAttribute('aria-label', t.messages);
  document.getElementById('privacy-link').href = '/knowledge/datenschutz-chatbot?lang=' + lang;

  try { session = JSON.parse(localStorage.getItem(KEY)); } catch (e) { session = null; }

  function api(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (session) { headers['X-Chat-Token'] = session.token; }
    return fetch(path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) {
        if (!r.ok) { var err = new Error('HTTP ' + r.status); err.status = r.status; throw err; }
        return r.status === 204 ? null : r.json();
      });
  }

  function ensureSession() {
    if (session) { return Promise.resolve(session); }
    return api('POST', '/api/chat/sessions').then(function (created) {
      session = created;
      localStorage.setItem(KEY, JSON.stringify(session));
      openStream();
      return session;
    });
  }

  function render(m) {
    if (seen[m.seq]) { return; }
    seen[m.seq] = true;
    lastSeq = Math.max(lastSeq, m.seq);
    var li = document.createElement('li');
    li.className = 'msg ' + m.author;
    li.setAttribute('data-seq', m.seq);
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = t[m.author] || m.author;
    li.appendChild(who);
    var text = document.createElement('span');
    text.className = 'text';
    text.textContent = m.text;
    li.appendChild(text);
    if (m.sources && m.sources.length) {
      var sources = document.createElement('ul');
      sources.className = 'sources';
      sources.setAttribute('aria-label', t.sources);
      m.sources.forEach(function (s) {
        var item = document.createElement('li');
        var a = document.createElement('a');
        a.href = '/knowledge/' + encodeURIComponent(s.id) + '?lang=' + lang;
        a.target = '_blank';
        a.rel = 'noopener';
        a.textContent = s.title;
        item.appendChild(a);
        sources.appendChild(item);
      });
      li.appendChild(sources);
    }
    if (m.options && m.options.length) {
      var options = document.createElement('div');
      options.className = 'options';
      m.options.forEach(function (o) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = o.label;
        b.addEventListener('click', function () { send({ option: o.value }); });
        options.appendChild(b);
      });
      li.appendChild(options);
    }
    // keep the order by seq, whatever arrives first (stream or response)
    var before = null;
    list.querySelectorAll('li.msg').forEach(function (el) {
      if (!before && Number(el.getAttribute('data-seq')) > m.seq) { before = el; }
    });
    list.insertBefore(li, before);
    list.scrollTop = list.scrollHeight;
  }

  // The conversation is gone (deleted): what follows starts afresh, after what is shown.
  function forgetSession() {
    localStorage.removeItem(KEY);
    session = null;
    seen = {};
    lastSeq = 0;
    if (stream) { stream.close(); stream = null; }
    list.querySelectorAll('li.msg').forEach(function (el) { el.removeAttribute('data-seq'); });
  }

  // A last word outside any transcript (a counsellor deleted the conversation). After /loeschen
  // the same words came with the answer already.
  function notice(m) {
    var shown = list.querySelectorAll('li.msg .text');
    if (!shown.length || shown[shown.length - 1].textContent !== m.text) {
      var li = document.createElement('li');
      li.className = 'msg system';
      var who = document.createElement('span');
      who.className = 'who';
      who.textContent = t.system;
      li.appendChild(who);
      var text = document.createElement('span');
      text.className = 'text';
      text.textContent = m.text;
      li.appendChild(text);
      list.appendChild(li);
      list.scrollTop = list.scrollHeight;
    }
    forgetSession();
    showState('BOT');
  }

  function showState(state) {
    stateLine.textContent = state === 'WAITING' ? t.stateWaiting : state === 'WITH_COUNSELLOR' ? t.stateCounsellor : t.stateBot;
  }

  function catchUp() {
    if (!session) { return Promise.resolve(); }
    return api('GET', '/api/chat/sessions/' + session.sessionId + '/messages?after=' + lastSeq).then(function (h) {
      h.messages.forEach(render);
      showState(h.state);
    }).catch(function (e) {
      if (e.status === 403 || e.status === 404) { forgetSession(); }
    });
  }

  function send(body, retried) {
    errorLine.hidden = true;
    body.lang = lang;
    body.clientId = body.clientId || 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    return ensureSession()
      .then(function () { return api('POST', '/api/chat/sessions/' + session.sessionId + '/messages', body); })
      .then(function (r) { r.messages.forEach(render); return catchUp(); })
      .catch(function (e) {
        if ((e.status === 403 || e.status === 404) && !retried) {
          // the session is gone (deleted at the person's request): start a new one
          forgetSession();
          return send(body, true);
        }
        errorLine.textContent = t.error;
        errorLine.hidden = false;
      });
  }

  function openStream() {
    if (!session || !window.EventSource) { return; }
    if (stream) { stream.close(); }
    stream = new EventSource('/api/chat/sessions/' + session.sessionId + '/stream?token=' + encodeURIComponent(session.token));
    stream.addEventListener('message', function (e) { render(JSON.parse(e.data)); catchUp(); });
    stream.addEventListener('notice', function (e) { notice(JSON.parse(e.data)); });
    stream.addEventListener('open', function () { catchUp(); });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    send({ text: text });
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  if (session) {
    catchUp().then(openStream).catch(function () { localStorage.removeItem(KEY); session = null; });
  }
})();
