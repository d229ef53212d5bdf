/**
 * The demo page's HTML (served at `GET /`). No inline script or style, so the page runs under a
 * strict Content-Security-Policy; the script is `/demo/app.js`, compiled from `src/demo/browser/`.
 */
export const DEMO_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>saywire demo</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo/app.css">
<script type="module" src="/demo/app.js"></script>
</head>
<body>
<header>
  <h1>saywire</h1>
  <p id="status" role="status" data-state="connecting">Loading…</p>
  <button type="button" id="reconnect" hidden>Reconnect</button>
</header>
<main>
  <form id="composer">
    <label for="message">Message</label>
    <textarea id="message" rows="3" placeholder="Ask something, or paste text to speak" required></textarea>
    <div class="options">
      <fieldset>
        <legend>Reply</legend>
        <label><input type="radio" name="mode" value="agent" checked> Agent answers</label>
        <label><input type="radio" name="mode" value="speak"> Speak my text</label>
      </fieldset>
      <div class="voice">
        <label for="voice">Voice</label>
        <select id="voice" disabled><option value="">Loading voices…</option></select>
      </div>
    </div>
    <div class="actions">
      <button type="submit" id="send" disabled>Send</button>
      <button type="button" id="stop" disabled>Stop</button>
      <span class="hint">Enter sends, Shift+Enter adds a line. Sending again interrupts.</span>
    </div>
  </form>
  <p id="error" role="alert" hidden></p>
  <section aria-labelledby="transcript-title">
    <h2 id="transcript-title">Transcript</h2>
    <ol id="transcript" aria-live="polite"></ol>
  </section>
</main>
</body>
</html>
`;
