// The embeddable IKÖ-Lotse widget: <script src="https://lotse.example.org/widget.js" data-lang="de" defer></script>
// It adds a button that opens the chat in a frame; the chat itself runs on the Lotse server.
(function () {
  'use strict';
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang') || 'de';
  var label = lang === 'en' ? 'Chat with IKÖ-Lotse' : 'Chat mit dem IKÖ-Lotsen';
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'ikoe-lotse-frame');
  button.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:2147483000;padding:.7rem 1rem;border:0;' +
    'border-radius:2rem;background:#0b5394;color:#fff;font:600 1rem system-ui,sans-serif;cursor:pointer;';
  var frame = document.createElement('iframe');
  frame.id = 'ikoe-lotse-frame';
  frame.title = label;
  frame.src = origin + '/chat?lang=' + encodeURIComponent(lang);
  frame.hidden = true;
  frame.style.cssText = 'position:fixed;right:1rem;bottom:4.5rem;z-index:2147483000;width:min(26rem,calc(100vw - 2rem));' +
    'height:min(40rem,calc(100vh - 6rem));border:1px solid #767676;border-radius:.75rem;background:#fff;';
  button.addEventListener('click', function () {
    frame.hidden = !frame.hidden;
    button.setAttribute('aria-expanded', String(!frame.hidden));
    if (!frame.hidden) { frame.focus(); }
  });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
