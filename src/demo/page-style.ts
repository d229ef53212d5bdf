/**
 * The demo page's stylesheet (served at `GET /demo/app.css`): system fonts, light and dark, one
 * column that fits 320 px (every grid track may shrink: `minmax(0, …)`, `min-width: 0`). Text
 * colour pairs meet WCAG AA (4.5:1) in both themes; `test/e2e/demo.test.ts` measures them.
 */
export const DEMO_PAGE_CSS = `:root {
  color-scheme: light dark;
  --fg: #1d2330;
  --muted: #4f5868;
  --bg: #f6f7f9;
  --card: #ffffff;
  --line: #c9ced8;
  --accent: #1f4fc4;
  --on-accent: #ffffff;
  --mark: #ffe27a;
  --ok: #1e7e34;
  --warn: #9a5700;
  --bad: #b3261e;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6e9ef; --muted: #a9b1c1; --bg: #14171d; --card: #1d2129; --line: #3d4452;
    --accent: #8fb0ff; --on-accent: #0b1020; --mark: #6b5a00; --ok: #5cc879; --warn: #f0a945; --bad: #ff8a80;
  }
}
* { box-sizing: border-box; }
/* Elements laid out as grids below must still vanish when hidden. */
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 60rem; padding: 0.75rem clamp(0.75rem, 3vw, 1.5rem) 3rem; background: var(--bg); color: var(--fg); overflow-wrap: anywhere; }
header { display: flex; align-items: center; gap: 0.5rem 1rem; flex-wrap: wrap; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; letter-spacing: 0.02em; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
main { display: grid; gap: 0 1.5rem; grid-template-columns: minmax(0, 1fr); }
.column { min-width: 0; }
/* Wide screens: the controls on the left, what comes back on the right. */
@media (min-width: 64rem) {
  body { max-width: 84rem; }
  main { grid-template-columns: minmax(0, 26rem) minmax(0, 1fr); }
  main > .column:last-child > section > h2 { margin-top: 0.75rem; }
}
#backends { flex-basis: 100%; margin: 0; }
#status { margin: 0; padding: 0.2rem 0.7rem; border-radius: 999px; font-size: 0.9rem; border: 1px solid var(--line); background: var(--card); }
#status::before { content: "●"; margin-right: 0.4rem; }
#status[data-state="open"]::before { color: var(--ok); }
#status[data-state="connecting"]::before, #status[data-state="reconnecting"]::before { color: var(--warn); }
#status[data-state="closed"]::before { color: var(--bad); }
form, details { background: var(--card); border: 1px solid var(--line); border-radius: 0.6rem; padding: 1rem; margin-top: 0.75rem; }
#composer, #token-form { display: grid; gap: 0.75rem; grid-template-columns: minmax(0, 1fr); }
details > summary { font-weight: 600; cursor: pointer; }
details[open] > summary { margin-bottom: 0.75rem; }
label { font-weight: 600; }
textarea, select, button, input { font: inherit; color: inherit; max-width: 100%; min-width: 0; }
textarea, select, input[type="number"], input[type="password"] { width: 100%; padding: 0.4rem 0.5rem; border: 1px solid var(--line); border-radius: 0.4rem; background: var(--bg); }
textarea { resize: vertical; }
input[type="range"] { width: 100%; accent-color: var(--accent); }
.grid { display: grid; gap: 0.75rem 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); }
.field { display: grid; gap: 0.25rem; min-width: 0; align-content: start; }
.field.wide { grid-column: 1 / -1; }
.row { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.row input { flex: 1 1 10rem; }
fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 0.25rem 1rem; flex-wrap: wrap; min-width: 0; }
legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
fieldset label { font-weight: normal; }
.actions { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
button { padding: 0.45rem 1.2rem; border-radius: 0.4rem; border: 1px solid var(--accent); background: var(--accent); color: var(--on-accent); cursor: pointer; }
button.secondary { background: var(--card); color: var(--accent); }
button:disabled { opacity: 0.45; cursor: not-allowed; }
button:focus-visible, textarea:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.level meter { width: 6rem; height: 0.9rem; vertical-align: middle; }
.hint { color: var(--muted); font-size: 0.85rem; margin: 0; }
.meta { color: var(--muted); font-size: 0.85rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
#error { margin: 1rem 0 0; padding: 0.6rem 0.8rem; border-left: 4px solid var(--bad); background: var(--card); font-family: ui-monospace, monospace; font-size: 0.9rem; }
#transcript { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.turn { background: var(--card); border: 1px solid var(--line); border-radius: 0.6rem; padding: 0.75rem 1rem; }
.turn p { margin: 0.25rem 0; }
.who { display: inline-block; min-width: 4.75rem; font-weight: 600; color: var(--muted); }
.word.current { background: var(--mark); color: var(--fg); border-radius: 0.2rem; }
.badge { display: inline-block; margin-left: 0.5rem; padding: 0 0.5rem; border-radius: 999px; border: 1px solid var(--warn); color: var(--fg); font-size: 0.8rem; font-weight: 600; }
.cut { color: var(--muted); }
#event-log { list-style: none; margin: 0.5rem 0 0; padding: 0; max-height: 24rem; overflow: auto; font: 0.8rem/1.4 ui-monospace, monospace; }
#event-log li { padding: 0.15rem 0; border-top: 1px solid var(--line); white-space: pre-wrap; word-break: break-all; }
#event-log .dir { color: var(--muted); }
`;
