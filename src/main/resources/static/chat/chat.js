// The web chat: talks to /api/chat, keeps its session across reloads, and never renders
// message text as HTML (textContent only).
(function () {
  'use strict';
  // the page's words come with the page, in its language, from the editors' text files
  var t = JSON.parse(document.getElementById('chat-words').textContent);
  var lang = document.documentElement.lang === 'en' ? 'en' : 'de';
  var KEY = 'ikoe-lotse-chat';
  var list = document.getElementById('messages');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var stateLine = document.getElementById('chat-state');
  var errorLine = document.getElementById('error');
  var counter = document.getElementById('counter');
  var sendButton = document.getElementById('send');
  var privacyText = document.getElementById('privacy-text');
  var badge = document.getElementById('state-badge');
  var LIMIT = 4000;      // what the bot reads of one message
  var NEAR = 3600;       // from here on the counter shows
  var failed = null;     // the message that could not be sent, for "send again"
  var seen = {};
  var lastSeq = 0;
  var session = null;
  var stream = null;


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

  // One message as a list item: who, the text (as text, never HTML), sources, options.
  function bubble(m) {
    var li = document.createElement('li');
    li.className = 'msg ' + m.author;
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = t[m.author] || m.author;
    li.appendChild(who);
    renderReply(li, m.reply || { blocks: [{ type: 'paragraph', text: m.text }] });
    if (m.options && m.options.length) {
      var options = document.createElement('div');
      options.className = 'options';
      m.options.forEach(function (o) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = o.label;
        b.setAttribute('data-label', o.label);
        b.setAttribute('data-value', o.value);
        b.addEventListener('click', function () { choose(options, b, o); });
        options.appendChild(b);
      });
      li.appendChild(options);
    }
    return li;
  }

  function render(m) {
    if (seen[m.seq]) { return; }
    seen[m.seq] = true;
    lastSeq = Math.max(lastSeq, m.seq);
    // the conversation's own first message is the same welcome: it takes the shown one's place
    var shownWelcome = list.querySelector('li.welcome');
    if (shownWelcome) { shownWelcome.remove(); }
    var li = bubble(m);
    li.setAttribute('data-seq', m.seq);
    // keep the order by seq, whatever arrives first (stream or response)
    var before = null;
    list.querySelectorAll('li.msg').forEach(function (el) {
      if (!before && Number(el.getAttribute('data-seq')) > m.seq) { before = el; }
    });
    list.insertBefore(li, before);
    list.scrollTop = list.scrollHeight;
    retireOptions();
  }

  // A chat without messages opens with the welcome and its starters, before anything is stored.
  function welcome() {
    return fetch('/api/chat/welcome?lang=' + lang).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (w) {
        if (!w || list.querySelector('li.msg')) { return; }
        var li = bubble({ author: 'bot', text: w.text, options: w.options });
        li.classList.add('welcome');
        list.appendChild(li);
      }).catch(function () { /* the chat works without it */ });
  }

  // Where a link may lead: web and e-mail addresses, and pages of this service. Anything else is
  // shown as text.
  function followable(url) {
    return typeof url === 'string' && (/^https?:\/\//i.test(url) || /^mailto:/i.test(url) || /^\/(?!\/)/.test(url));
  }

  function link(l, className) {
    if (!followable(l.url)) {
      var name = document.createElement('span');
      name.textContent = l.label;
      return name;
    }
    var a = document.createElement('a');
    a.href = l.url;
    if (!/^mailto:/i.test(l.url)) { a.target = '_blank'; a.rel = 'noopener'; }
    a.textContent = l.label;
    if (className) { a.className = className; }
    return a;
  }

  // An offer or event: title (and a tag such as "Beispiel"), its fields, its links as buttons.
  function card(c) {
    var article = document.createElement('article');
    article.className = 'card';
    var title = document.createElement('h3');
    title.className = 'card-title';
    title.textContent = c.title;
    if (c.tag) {
      var tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = c.tag;
      title.appendChild(document.createTextNode(' '));
      title.appendChild(tag);
    }
    article.appendChild(title);
    if (c.fields.length) {
      var fields = document.createElement('dl');
      c.fields.forEach(function (f) {
        var dt = document.createElement('dt');
        dt.textContent = f.label;
        var dd = document.createElement('dd');
        dd.textContent = f.value;
        fields.appendChild(dt);
        fields.appendChild(dd);
      });
      article.appendChild(fields);
    }
    if (c.links.length) {
      var actions = document.createElement('p');
      actions.className = 'card-links';
      c.links.forEach(function (l) { actions.appendChild(link(l, 'button')); });
      article.appendChild(actions);
    }
    return article;
  }

  // A message as the service composed it: paragraphs, cards, and rows of links (its sources).
  // Everything goes in as text or as an attribute checked above, never as HTML.
  function renderReply(li, reply) {
    reply.blocks.forEach(function (b) {
      if (b.type === 'card') {
        li.appendChild(card(b));
      } else if (b.type === 'links') {
        if (!b.links.length) { return; }
        var row = document.createElement('p');
        row.className = 'sources';
        row.appendChild(document.createTextNode(b.label + ': '));
        b.links.forEach(function (l, i) {
          if (i > 0) { row.appendChild(document.createTextNode(', ')); }
          row.appendChild(link(l));
        });
        li.appendChild(row);
      } else {
        var p = document.createElement('p');
        p.className = b.type === 'heading' ? 'text heading' : 'text';
        p.textContent = b.text;
        li.appendChild(p);
      }
    });
  }

  // Options are one-shot: only those of the newest message are live, and only until the person
  // answers. Disabled buttons leave the Tab order; the chosen one stays marked.
  function retire(group) {
    group.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    group.classList.add('answered');
  }
  function retireOptions() {
    var all = list.querySelectorAll('li.msg');
    var last = all[all.length - 1];
    list.querySelectorAll('.options:not(.answered)').forEach(function (group) {
      if (!last || group.closest('li') !== last || last.classList.contains('user')) {
        // the person's answer right after it says which one was chosen (also after a reload)
        var answer = group.closest('li').nextElementSibling;
        if (answer && answer.classList.contains('user')) {
          var said = answer.querySelector('.text').textContent;
          group.querySelectorAll('button').forEach(function (b) {
            if (b.getAttribute('data-label') === said && !b.classList.contains('chosen')) { markChosen(b); }
          });
        }
        retire(group);
      }
    });
  }
  function markChosen(button) {
    button.classList.add('chosen');
    button.setAttribute('aria-pressed', 'true');
    var mark = document.createElement('span');
    mark.className = 'visually-hidden';
    mark.textContent = ' (' + t.chosen + ')';
    button.appendChild(mark);
  }
  function choose(group, button, option) {
    if (button.disabled) { return; }
    markChosen(button);
    retire(group);
    if (option.value.indexOf('feedback:') === 0) {
      var thanks = document.createElement('p');
      thanks.className = 'rated';
      thanks.setAttribute('role', 'status');
      thanks.textContent = t.rated;
      group.insertAdjacentElement('afterend', thanks);
    }
    // focus leaves the disabled button for where the conversation goes on
    if (window.matchMedia && window.matchMedia('(pointer: fine)').matches) { input.focus({ preventScroll: true }); } else { list.focus({ preventScroll: true }); }
    send({ option: option.value });
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

  // The header says who is writing: the bot, the queue, or a person from the centre.
  function showState(state, position) {
    stateLine.textContent = state === 'WAITING' ? (position ? t.stateWaitingAt.replace('{0}', position) : t.stateWaiting)
      : state === 'WITH_COUNSELLOR' ? t.stateCounsellor : t.stateBot;
    var who = state === 'WITH_COUNSELLOR' ? 'counsellor' : state === 'WAITING' ? 'waiting' : 'bot';
    document.body.setAttribute('data-state', who);
    badge.textContent = who === 'counsellor' ? t.badgeCounsellor : who === 'waiting' ? t.badgeWaiting : t.badgeBot;
    privacyText.textContent = who === 'counsellor' ? t.privacyCounsellor : t.privacy;
  }

  // Out of hours, a person waiting may leave an e-mail address for the answer, with consent.
  var mailPanel = document.getElementById('mail');
  var mailForm = document.getElementById('mail-form');
  var mailInput = document.getElementById('mail-address');
  var mailConsent = document.getElementById('mail-consent');
  var mailGiven = document.getElementById('mail-given');
  var mailError = document.getElementById('mail-error');
  function showMail(mail) {
    var given = !!(mail && mail.address);
    var wasHidden = mailPanel.hidden;
    mailPanel.hidden = !(mail && (mail.offered || given));
    // the panel takes room from the messages: the newest stays in view
    if (wasHidden !== mailPanel.hidden) { list.scrollTop = list.scrollHeight; }
    mailForm.hidden = given;
    mailGiven.parentNode.hidden = !given;
    if (given) { mailGiven.textContent = t.mailGiven.replace('{0}', mail.address); }
  }
  mailForm.addEventListener('submit', function (e) {
    e.preventDefault();
    mailError.hidden = true;
    if (!mailInput.checkValidity() || !mailConsent.checked) {
      mailError.textContent = t.mailInvalid;
      mailError.hidden = false;
      return;
    }
    api('PUT', '/api/chat/sessions/' + session.sessionId + '/mail', { address: mailInput.value.trim(), consent: true })
      .then(function () { mailInput.value = ''; mailConsent.checked = false; return catchUp(); })
      .catch(function () { mailError.textContent = t.mailInvalid; mailError.hidden = false; });
  });
  document.getElementById('mail-forget').addEventListener('click', function () {
    api('DELETE', '/api/chat/sessions/' + session.sessionId + '/mail').then(catchUp);
  });

  function catchUp() {
    if (!session) { return Promise.resolve(); }
    return api('GET', '/api/chat/sessions/' + session.sessionId + '/messages?after=' + lastSeq).then(function (h) {
      h.messages.forEach(render);
      showState(h.state, h.position);
      showMail(h.mail);
    }).catch(function (e) {
      if (e.status === 403 || e.status === 404) { forgetSession(); }
    });
  }

  function send(body, retried) {
    errorLine.hidden = true;
    failed = null;
    list.querySelectorAll('.options:not(.answered)').forEach(retire);
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
        // keep what the person wrote: back into the field if it is empty, and offer to send again
        failed = body;
        if (body.text && !input.value) { input.value = body.text; updateCounter(); }
        errorText.textContent = t.error;
        errorLine.hidden = false;
      });
  }

  function updateCounter() {
    var n = input.value.length;
    var over = n > LIMIT;
    counter.hidden = n < NEAR;
    counter.textContent = (over ? t.tooLong : t.counter).replace('{0}', n.toLocaleString(lang)).replace('{1}', LIMIT.toLocaleString(lang));
    counter.classList.toggle('over', over);
    input.setAttribute('aria-invalid', String(over));
    sendButton.disabled = over;
  }

  function openStream() {
    if (!session || !window.EventSource) { return; }
    if (stream) { stream.close(); }
    stream = new EventSource('/api/chat/sessions/' + session.sessionId + '/stream?token=' + encodeURIComponent(session.token));
    stream.addEventListener('message', function (e) { render(JSON.parse(e.data)); catchUp(); });
    stream.addEventListener('notice', function (e) { notice(JSON.parse(e.data)); });
    stream.addEventListener('open', function () { catchUp(); });
  }

  var errorText = document.getElementById('error-text');
  var retryButton = document.getElementById('retry');
  retryButton.textContent = t.retry;
  retryButton.addEventListener('click', function () {
    if (!failed) { return; }
    var again = failed;
    if (again.text && input.value.trim() === again.text) { input.value = ''; updateCounter(); }
    send(again); // the same clientId: never answered twice
  });
  input.addEventListener('input', updateCounter);

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || text.length > LIMIT) { return; }
    input.value = '';
    updateCounter();
    send({ text: text });
  });
  // In the widget's frame, Esc closes the widget: the page around it is told.
  if (window.parent !== window) {
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { window.parent.postMessage({ type: 'ikoe-lotse-close' }, '*'); }
    });
  }
  showState('BOT');
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  if (session) {
    catchUp().then(openStream).catch(function () { localStorage.removeItem(KEY); session = null; }).then(welcome);
  } else {
    welcome();
  }
})();
