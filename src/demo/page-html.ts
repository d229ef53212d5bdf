/**
 * The demo page's HTML (served at `GET /`). No inline script or style, so the page runs under a
 * strict Content-Security-Policy; the script is `/web/demo/browser/app.js`, compiled from
 * `src/demo/browser/`, and it talks to the server through the client module (`src/client/`).
 */
export const DEMO_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>saywire playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo/app.css">
<script type="module" src="/web/demo/browser/app.js"></script>
</head>
<body>
<header>
  <h1>saywire</h1>
  <p id="status" role="status" data-state="connecting">Loading…</p>
  <button type="button" id="reconnect" class="secondary" hidden>Reconnect</button>
  <p id="backends" class="meta"></p>
</header>
<form id="token-form" hidden>
  <label for="token">Access token</label>
  <p class="hint">This server wants a token (its <code>authToken</code> setting).</p>
  <div class="row">
    <input id="token" type="password" autocomplete="off" required>
    <button type="submit">Connect</button>
  </div>
</form>
<main>
  <div class="column">
  <form id="composer">
    <label for="message">Message</label>
    <textarea id="message" rows="3" placeholder="Ask something, or paste text to speak" required></textarea>
    <fieldset class="mode">
      <legend>Reply</legend>
      <label><input type="radio" name="mode" value="agent" checked> Agent answers</label>
      <label><input type="radio" name="mode" value="speak"> Speak my text</label>
    </fieldset>
    <div class="field">
      <label for="response-voice">Voice for this message</label>
      <select id="response-voice" disabled><option value="">The session's voice</option></select>
    </div>
    <div class="actions">
      <button type="submit" id="send" disabled>Send</button>
      <button type="button" id="flush" class="secondary" disabled title="Speak my text: speak this now and keep the reply open for more (text.flush)">Flush</button>
      <button type="button" id="stop" class="secondary" disabled>Stop</button>
      <span class="level" title="Output level"><span class="visually-hidden">Output level</span><meter id="level" min="0" max="1" low="0.6" high="0.85" optimum="0.3" value="0"></meter></span>
      <span class="hint">Enter sends, Shift+Enter adds a line, Escape stops.</span>
    </div>
  </form>
  <details id="settings" open>
    <summary>Voice and audio</summary>
    <div class="grid">
      <div class="field wide">
        <label for="voice">Voice</label>
        <select id="voice" disabled><option value="">Loading voices…</option></select>
      </div>
      <div class="field">
        <label for="rate">Rate <output id="rate-value" for="rate"></output></label>
        <input id="rate" type="range" disabled>
      </div>
      <div class="field">
        <label for="pitch">Pitch <output id="pitch-value" for="pitch"></output></label>
        <input id="pitch" type="range" disabled>
      </div>
      <div class="field">
        <label for="sample-rate">Sample rate</label>
        <select id="sample-rate" disabled>
          <option value="native">Engine's own</option>
          <option value="16000">16 kHz</option>
          <option value="24000">24 kHz</option>
          <option value="48000">48 kHz</option>
        </select>
      </div>
      <div class="field">
        <label for="first-clause">First clause (chars, 0 = off)</label>
        <input id="first-clause" type="number" min="0" max="10000" step="1" inputmode="numeric" disabled>
      </div>
      <div class="field">
        <label for="audio-format">Audio format</label>
        <select id="audio-format" disabled>
          <option value="binary">Binary frames</option>
          <option value="base64">Base64 in JSON</option>
        </select>
      </div>
    </div>
  </details>
  </div>
  <div class="column">
  <p id="error" role="alert" hidden></p>
  <section aria-labelledby="transcript-title">
    <h2 id="transcript-title">Transcript</h2>
    <ol id="transcript" aria-live="polite"></ol>
  </section>
  <details id="events">
    <summary>Events <span id="event-count" class="meta">0</span></summary>
    <p id="frame-counts" class="meta">No audio yet.</p>
    <ol id="event-log"></ol>
  </details>
  </div>
</main>
</body>
</html>
`;
