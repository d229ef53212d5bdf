/** The demo page's stylesheet (served at `GET /demo/app.css`): system fonts, light and dark. */
export const DEMO_PAGE_CSS = `:root {
  color-scheme: light dark;
  --fg: #1d2330;
  --muted: #5b6475;
  --bg: #f6f7f9;
  --card: #ffffff;
  --line: #d9dde5;
  --accent: #2457d6;
  --mark: #ffe27a;
  --ok: #1e8e3e;
  --warn: #b06000;
  --bad: #c5221f;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ef; --muted: #a0a8b8; --bg: #14171d; --card: #1d2129; --line: #343a46; --accent: #7aa2ff; --mark: #6b5a00; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem 1.25rem 3rem; background: var(--bg); color: var(--fg); }
header { display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; letter-spacing: 0.02em; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
#status { margin: 0; padding: 0.2rem 0.7rem; border-radius: 999px; font-size: 0.9rem; border: 1px solid var(--line); }
#status::before { content: "●"; margin-right: 0.4rem; }
#status[data-state="open"]::before { color: var(--ok); }
#status[data-state="connecting"]::before { color: var(--warn); }
#status[data-state="closed"]::before { color: var(--bad); }
form { background: var(--card); border: 1px solid var(--line); border-radius: 0.6rem; padding: 1rem; display: grid; gap: 0.75rem; }
label { font-weight: 600; }
textarea, select, button { font: inherit; color: inherit; }
textarea { width: 100%; padding: 0.5rem; border: 1px solid var(--line); border-radius: 0.4rem; background: var(--bg); resize: vertical; }
select { padding: 0.3rem; border: 1px solid var(--line); border-radius: 0.4rem; background: var(--bg); max-width: 100%; }
.options { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: end; }
fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
fieldset label { font-weight: normal; }
.voice { display: grid; gap: 0.25rem; }
.actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
button { padding: 0.45rem 1.2rem; border-radius: 0.4rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button#stop, button#reconnect { background: transparent; color: var(--accent); }
button:disabled { opacity: 0.45; cursor: not-allowed; }
button:focus-visible, textarea:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.hint { color: var(--muted); font-size: 0.85rem; }
#error { margin: 1rem 0 0; padding: 0.6rem 0.8rem; border-left: 4px solid var(--bad); background: var(--card); font-family: ui-monospace, monospace; font-size: 0.9rem; }
#transcript { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.turn { background: var(--card); border: 1px solid var(--line); border-radius: 0.6rem; padding: 0.75rem 1rem; }
.turn p { margin: 0.25rem 0; }
.who { display: inline-block; min-width: 4.75rem; font-weight: 600; color: var(--muted); }
.reply .sentence { transition: background-color 0.1s; }
.word.current { background: var(--mark); border-radius: 0.2rem; }
.meta { color: var(--muted); font-size: 0.85rem; }
`;
