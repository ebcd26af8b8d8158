/* global window, document, localStorage, fetch, location */
// The local web chat: pick a person from the directory, then talk to Frontdoor through
// Microsoft's Web Chat over the Direct Line endpoint of this server (polling, no WebSocket).
(function () {
  'use strict';

  var storageKey = 'frontdoor.person';
  var form = document.getElementById('person-form');
  var select = document.getElementById('person');
  var startButton = document.getElementById('start');
  var status = document.getElementById('status');
  var people = [];
  var current = null;

  function say(text, problem) {
    status.textContent = text;
    status.className = problem ? 'problem' : '';
  }

  function describe(person) {
    return person.title ? person.name + ' (' + person.title + ', ' + person.department + ')' : person.name;
  }

  function loadPeople() {
    return fetch('/api/v1/people', { headers: { accept: 'application/json' } }).then(function (res) {
      if (!res.ok) throw new Error('The person picker is only available in embedded mode (HTTP ' + res.status + ').');
      return res.json();
    }).then(function (body) {
      people = body.people;
      select.textContent = '';
      var placeholder = document.createElement('option');
      placeholder.value = '';
      placeholder.textContent = 'Choose a person…';
      select.appendChild(placeholder);
      people.forEach(function (person) {
        var option = document.createElement('option');
        option.value = person.email;
        option.textContent = describe(person);
        select.appendChild(option);
      });
    });
  }

  // Secure mode: the person signed in with the organisation's provider; the token is theirs.
  var signedIn = null;

  function issueToken(email) {
    var headers = { 'content-type': 'application/json' };
    if (signedIn) headers['x-csrf-token'] = signedIn.csrfToken;
    return fetch('/v3/directline/tokens/generate', {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: JSON.stringify(signedIn ? {} : { user: { id: email } }),
    }).then(function (res) {
      if (res.status === 401 && signedIn) {
        location.assign('/sign-in?returnTo=%2Fchat');
        throw new Error('Your sign-in has ended. Signing you in again…');
      }
      if (!res.ok) throw new Error('Could not open a conversation (HTTP ' + res.status + ').');
      return res.json();
    });
  }

  // Web Chat cannot be re-pointed at another user, so switching person ends the old
  // connection and renders a fresh Web Chat into a new element.
  function startChat(person) {
    if (current && current.directLine) current.directLine.end();
    var host = document.getElementById('webchat');
    var fresh = document.createElement('div');
    fresh.id = 'webchat';
    host.replaceWith(fresh);
    current = { person: person, directLine: null };
    var mine = current;
    say('Connecting as ' + person.name + '…');
    return issueToken(person.email).then(function (issued) {
      if (current !== mine) return;
      var directLine = window.WebChat.createDirectLine({
        domain: location.origin + '/v3/directline',
        webSocket: false,
        pollingInterval: 500,
        token: issued.token,
      });
      mine.directLine = directLine;
      window.WebChat.renderWebChat({
        directLine: directLine,
        userID: person.email,
        username: person.name,
        locale: 'en-GB',
        styleOptions: styleOptions(person),
        adaptiveCardsHostConfig: hostConfig,
      }, fresh);
      startButton.textContent = 'Switch person';
      say('Chatting as ' + describe(person) + '.');
      var input = fresh.querySelector('input[type="text"], textarea');
      if (input) input.focus();
    }).catch(function (error) {
      say(error.message, true);
    });
  }

  // One product with the page: its font, its blue, its greys, rounded bubbles.
  var font = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  var accent = '#2b5fd9';

  function styleOptions(person) {
    return {
      hideUploadButton: true,
      botAvatarInitials: 'FD',
      userAvatarInitials: initials(person.name),
      botAvatarBackgroundColor: '#1d1f23',
      userAvatarBackgroundColor: accent,
      accent: accent,
      primaryFont: font,
      backgroundColor: '#ffffff',
      bubbleBackground: '#f4f5f7',
      bubbleBorderWidth: 0,
      bubbleBorderRadius: 10,
      bubbleNubSize: 0,
      bubbleFromUserBackground: accent,
      bubbleFromUserTextColor: '#ffffff',
      bubbleFromUserBorderWidth: 0,
      bubbleFromUserBorderRadius: 10,
      bubbleFromUserNubSize: 0,
      bubbleMaxWidth: 560,
      cardEmphasisBackgroundColor: '#f4f5f7',
      richCardWrapTitle: true,
      suggestedActionLayout: 'flow',
      suggestedActionBorderRadius: 16,
      suggestedActionBorderColor: accent,
      suggestedActionTextColor: accent,
      sendBoxBorderTop: 'solid 1px #d9dce1',
      sendBoxPlaceholderColor: '#555b66',
      timestampColor: '#555b66',
    };
  }

  // Buttons side by side and as wide as their words, not a full-width stack on every card.
  var hostConfig = {
    fontFamily: font,
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 12 },
    separator: { lineThickness: 1, lineColor: '#d9dce1' },
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 22 },
    containerStyles: {
      default: { backgroundColor: '#ffffff', foregroundColors: { default: { default: '#1d1f23', subtle: '#555b66' }, accent: { default: accent, subtle: accent }, attention: { default: '#a4262c', subtle: '#a4262c' }, good: { default: '#107c10', subtle: '#107c10' } } },
      emphasis: { backgroundColor: '#f4f5f7', foregroundColors: { default: { default: '#1d1f23', subtle: '#555b66' }, accent: { default: accent, subtle: accent }, attention: { default: '#a4262c', subtle: '#a4262c' }, good: { default: '#107c10', subtle: '#107c10' } } },
      good: { backgroundColor: '#e7f4e4' },
      attention: { backgroundColor: '#fbe9ea' },
    },
    actions: {
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      buttonSpacing: 8,
      maxActions: 12,
      spacing: 'default',
      showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    },
    factSet: {
      title: { weight: 'bolder', wrap: true, maxWidth: 160 },
      value: { wrap: true },
      spacing: 8,
    },
  };

  function initials(name) {
    return name.split(/\s+/).map(function (part) { return part.charAt(0); }).join('').slice(0, 2).toUpperCase();
  }

  function personByEmail(email) {
    return people.filter(function (p) { return p.email === email; })[0];
  }

  form.addEventListener('submit', onPick);
  function onPick(event) {
    event.preventDefault();
    var person = personByEmail(select.value);
    if (!person) {
      say('Choose who you are first.', true);
      select.focus();
      return;
    }
    localStorage.setItem(storageKey, person.email);
    startChat(person);
  }

  if (!window.WebChat) {
    say('The chat could not load. Reload the page to try again.', true);
    return;
  }

  var mode = document.body.getAttribute('data-mode');
  if (mode === 'sign-in') {
    startSignedIn();
    return;
  }
  if (mode === 'no-sign-in') {
    form.hidden = true;
    say('Sign-in is not configured on this server, so the chat cannot tell who you are. Ask your administrator.', true);
    return;
  }

  // The person picker of the embedded mode is replaced by the signed-in person and a sign-out button.
  function startSignedIn() {
    fetch('/sign-in/session', { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (res) {
      if (res.status === 401) {
        location.assign('/sign-in?returnTo=%2Fchat');
        return null;
      }
      if (!res.ok) throw new Error('Could not find out who you are (HTTP ' + res.status + ').');
      return res.json();
    }).then(function (session) {
      if (!session) return;
      signedIn = session;
      form.textContent = '';
      form.method = 'post';
      form.action = '/sign-out';
      var csrf = document.createElement('input');
      csrf.type = 'hidden';
      csrf.name = '_csrf';
      csrf.value = session.csrfToken;
      var signOut = document.createElement('button');
      signOut.type = 'submit';
      signOut.textContent = 'Sign out';
      form.appendChild(csrf);
      form.appendChild(signOut);
      form.removeEventListener('submit', onPick);
      startChat({ email: session.person.email, name: session.person.name, title: '', department: '' });
    }).catch(function (error) {
      say(error.message, true);
    });
  }

  loadPeople().then(function () {
    var saved = personByEmail(localStorage.getItem(storageKey) || '');
    if (saved) {
      select.value = saved.email;
      startChat(saved);
    } else {
      say('Choose who you are, then start the chat.');
    }
  }).catch(function (error) {
    select.textContent = '';
    say(error.message, true);
  });
})();
