// The embeddable IKÖ-Lotse widget: <script src="https://lotse.example.org/widget.js" data-lang="de" defer></script>
// It adds a button that opens the chat in a panel with a frame; the chat itself runs on the Lotse
// server. The panel closes with its × button or Esc. On a site the server does not allow to embed
// the chat, the panel shows a short notice and a link to the chat instead of a frame.
(function () {
  'use strict';
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'de';
  var T = lang === 'en'
    ? { open: 'Chat with IKÖ-Lotse', close: 'Close the chat', title: 'IKÖ-Lotse',
        refused: 'The chat cannot be shown on this website.', link: 'Open the chat in a new tab' }
    : { open: 'Chat mit dem IKÖ-Lotsen', close: 'Chat schließen', title: 'IKÖ-Lotse',
        refused: 'Der Chat kann auf dieser Website nicht angezeigt werden.', link: 'Chat in neuem Tab öffnen' };
  var chatUrl = origin + '/chat?lang=' + lang;
  var allowed = null; // unknown until the server answered

  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'ikoe-lotse-open';
  button.textContent = T.open;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'ikoe-lotse-panel');
  button.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:2147483000;padding:.7rem 1rem;border:0;' +
    'border-radius:2rem;background:#0b5394;color:#fff;font:600 1rem system-ui,sans-serif;cursor:pointer;' +
    'box-shadow:0 .2rem .6rem rgba(0,0,0,.25);';

  var panel = document.createElement('div');
  panel.id = 'ikoe-lotse-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', T.title);
  panel.hidden = true;
  panel.style.cssText = 'position:fixed;right:1rem;bottom:4.5rem;z-index:2147483000;width:min(26rem,calc(100vw - 2rem));' +
    'height:min(40rem,calc(100vh - 6rem));display:none;flex-direction:column;border:1px solid #767676;border-radius:.75rem;' +
    'background:#fff;overflow:hidden;box-shadow:0 .5rem 2rem rgba(0,0,0,.25);font:1rem/1.4 system-ui,sans-serif;color:#1a1a1a;';
  var bar = document.createElement('div');
  bar.style.cssText = 'display:flex;justify-content:flex-end;padding:.2rem;background:#0b5394;';
  var close = document.createElement('button');
  close.type = 'button';
  close.id = 'ikoe-lotse-close';
  close.setAttribute('aria-label', T.close);
  close.title = T.close;
  close.textContent = '×';
  close.style.cssText = 'border:0;background:transparent;color:#fff;font:700 1.5rem/1 system-ui,sans-serif;padding:.2rem .6rem;cursor:pointer;';
  bar.appendChild(close);
  panel.appendChild(bar);
  var frame = null;

  function fill() {
    if (frame || panel.querySelector('.ikoe-lotse-refused')) { return; }
    if (allowed === false) {
      var box = document.createElement('div');
      box.className = 'ikoe-lotse-refused';
      box.setAttribute('role', 'status');
      box.style.cssText = 'padding:1.2rem;';
      var p = document.createElement('p');
      p.textContent = T.refused;
      p.style.cssText = 'margin:0 0 .8rem;';
      var a = document.createElement('a');
      a.href = chatUrl;
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = T.link;
      a.style.cssText = 'color:#0b5394;font-weight:600;';
      box.appendChild(p);
      box.appendChild(a);
      panel.style.height = 'auto';
      panel.appendChild(box);
      return;
    }
    frame = document.createElement('iframe');
    frame.id = 'ikoe-lotse-frame';
    frame.name = 'ikoe-lotse-frame';
    frame.title = T.open;
    frame.src = chatUrl;
    frame.style.cssText = 'flex:1;width:100%;border:0;';
    panel.appendChild(frame);
  }

  function show(open) {
    if (open) { fill(); }
    panel.hidden = !open;
    panel.style.display = open ? 'flex' : 'none';
    button.setAttribute('aria-expanded', String(open));
    if (open) { (frame || panel.querySelector('a') || close).focus(); } else { button.focus(); }
  }

  button.addEventListener('click', function () { ready.then(function () { show(panel.hidden); }); });
  close.addEventListener('click', function () { show(false); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && !panel.hidden) { show(false); } });
  // Esc pressed inside the chat frame: the chat page tells us.
  window.addEventListener('message', function (e) {
    if (e.origin === origin && e.data && e.data.type === 'ikoe-lotse-close' && !panel.hidden) { show(false); }
  });

  var ready = fetch(origin + '/api/chat/embed', { mode: 'cors', credentials: 'omit' })
    .then(function (r) { return r.json(); })
    .then(function (answer) { allowed = answer.allowed === true; })
    .catch(function () { allowed = true; }); // the frame says for itself what it can
  document.body.appendChild(panel);
  document.body.appendChild(button);
})();
