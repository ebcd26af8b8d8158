/* global document, fetch */
// The triage item page, while an agent has the conversation: new lines (the employee's
// answers, the agent's own from another tab) appear without reloading, so a half-written
// message is never lost. The list is a polite live region: screen readers read each new line.
// Without this script the page keeps a link that reloads it.
(function () {
  'use strict';
  var list = document.getElementById('transcript');
  if (!list || !list.dataset.linesUrl) return;
  var url = list.dataset.linesUrl;
  var count = Number(list.dataset.count) || 0;
  var fallback = document.getElementById('poll-fallback');
  if (fallback) fallback.hidden = true;
  var everyMs = 2000;

  function poll() {
    fetch(url + '?after=' + count, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) throw new Error('status ' + res.status);
        return res.json();
      })
      .then(function (body) {
        if (body.count > count) {
          // Rendered and escaped by the server, like the rest of the page.
          list.insertAdjacentHTML('beforeend', body.html);
          count = body.count;
        }
        if (body.status === 'taken') {
          setTimeout(poll, everyMs);
        } else if (fallback) {
          // Handed back or resolved elsewhere: the actions on this page no longer apply.
          fallback.hidden = false;
          fallback.firstElementChild.textContent = 'This conversation is no longer taken over: reload the page';
        }
      })
      .catch(function () {
        // Signed out or offline: offer the reload instead of polling on.
        if (fallback) fallback.hidden = false;
      });
  }
  setTimeout(poll, everyMs);
})();
