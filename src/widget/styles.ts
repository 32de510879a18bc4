/** The widget's CSS, inside its Shadow DOM: the host page's styles cannot reach it, nor it theirs. */
export const CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.root { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; flex-direction: column;
  align-items: flex-end; gap: 12px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937; }
button, input, textarea { font: inherit; color: inherit; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:focus-visible { outline: 2px solid var(--c); outline-offset: 2px; }
.bubble { position: relative; width: 56px; height: 56px; border: 0; border-radius: 50%; background: var(--c); color: var(--on);
  display: grid; place-items: center; cursor: pointer; box-shadow: 0 6px 20px rgb(0 0 0 / 22%); transition: transform .15s; }
.bubble:hover { transform: scale(1.05); }
.bubble svg { width: 26px; height: 26px; }
.bubble .down, .bubble[aria-expanded='true'] svg:first-child { display: none; }
.bubble[aria-expanded='true'] .down { display: block; }
.badge { position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: #dc2626; color: #fff; font-size: 12px; font-weight: 700; line-height: 20px; }
.panel { position: relative; width: 360px; height: min(560px, calc(100vh - 110px)); display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 16px; box-shadow: 0 12px 40px rgb(0 0 0 / 22%); }
.panel[hidden], .badge[hidden], .details[hidden], .typing[hidden], .earlier[hidden] { display: none; }
.head { display: flex; align-items: center; gap: 12px; padding: 14px 12px 14px 16px; background: var(--c); color: var(--on); }
.head div { flex: 1; min-width: 0; }
.head h2 { margin: 0; font-size: 16px; font-weight: 650; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.head p { margin: 0; font-size: 12px; opacity: .9; }
.head p::before { content: ''; display: inline-block; width: 7px; height: 7px; margin-right: 6px; border-radius: 50%; background: #4ade80; }
.icon { width: 32px; height: 32px; border: 0; border-radius: 8px; background: transparent; color: inherit; cursor: pointer;
  display: grid; place-items: center; font-size: 20px; line-height: 1; }
.icon:hover { background: rgb(255 255 255 / 18%); }
.log { flex: 1; overflow-y: auto; padding: 14px 14px 6px; background: #f7f7f8; }
.log ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.msg { display: grid; max-width: 80%; justify-items: start; }
.msg.me { justify-self: end; justify-items: end; }
.who { font-size: 11px; font-weight: 600; color: #6b7280; margin: 0 4px 2px; }
.text { margin: 0; padding: 8px 12px; border-radius: 14px 14px 14px 4px; background: #fff; border: 1px solid #e5e7eb;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.me .text { border-radius: 14px 14px 4px 14px; background: var(--c); color: var(--on); border-color: transparent; }
.me.pending .text, .pending .shot { opacity: .6; }
time { font-size: 11px; color: #9ca3af; margin: 2px 4px 0; }
.earlier { display: block; margin: 0 auto 10px; border: 0; background: none; color: var(--c); font-weight: 600; cursor: pointer; }
.typing { margin: 0; padding: 2px 16px 6px; font-size: 12px; color: #6b7280; background: #f7f7f8; font-style: italic; }
.error { margin: 0; padding: 6px 16px; font-size: 12px; color: #b91c1c; background: #fef2f2; }
.error:empty { display: none; }
.details { display: grid; gap: 8px; padding: 12px 16px; border-top: 1px solid #e5e7eb; background: #fff; }
.details h3 { margin: 0; font-size: 13px; }
.details label { display: grid; gap: 2px; font-size: 12px; font-weight: 600; color: #4b5563; }
.details input { width: 100%; height: 34px; padding: 0 10px; border: 1px solid #d1d5db; border-radius: 8px; font-weight: 400; }
.row { display: flex; justify-content: flex-end; gap: 8px; }
.btn { height: 32px; padding: 0 14px; border: 1px solid #d1d5db; border-radius: 8px; background: #fff; cursor: pointer; font-weight: 600; }
.btn.primary { background: var(--c); border-color: var(--c); color: var(--on); }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px; border-top: 1px solid #e5e7eb; background: #fff; }
.composer textarea { flex: 1; min-height: 38px; max-height: 120px; padding: 8px 12px; border: 1px solid #d1d5db; border-radius: 19px; resize: none; }
.composer textarea:focus, .details input:focus { outline: none; border-color: var(--c); box-shadow: 0 0 0 3px color-mix(in srgb, var(--c) 22%, transparent); }
.send { width: 38px; height: 38px; flex: none; border: 0; border-radius: 50%; background: var(--c); color: var(--on); cursor: pointer;
  display: grid; place-items: center; }
.send:disabled { opacity: .45; cursor: default; }
.send svg { width: 18px; height: 18px; }
.attach { width: 32px; height: 38px; flex: none; border: 0; padding: 0; background: none; color: #6b7280; cursor: pointer;
  display: grid; place-items: center; border-radius: 8px; }
.attach:hover { color: var(--c); }
.attach svg { width: 20px; height: 20px; }
.files { display: grid; gap: 6px; justify-items: inherit; margin-top: 4px; }
.files.failed .file { opacity: .6; }
.shot { display: block; position: relative; border-radius: 12px; overflow: hidden; background: #e5e7eb; line-height: 0; }
.shot img { display: block; max-width: 220px; max-height: 220px; }
.shot.loading { width: 180px; height: 135px; }
.shot.loading img { display: none; }
.file { display: flex; align-items: center; gap: 10px; width: 240px; max-width: 100%; padding: 8px 10px; border: 1px solid #e5e7eb;
  border-radius: 12px; background: #fff; color: #1f2937; text-decoration: none; cursor: pointer; }
a.file:hover { border-color: var(--c); }
.file svg { width: 20px; height: 20px; flex: none; color: var(--c); }
.file svg:last-child { width: 16px; height: 16px; color: #9ca3af; }
.file.busy { cursor: progress; opacity: .6; }
.file.failed { border-color: #dc2626; }
.fmeta { display: grid; flex: 1; min-width: 0; line-height: 1.3; }
.fname { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere;
  font-weight: 600; font-size: 13px; }
.fmeta small { font-size: 11px; color: #6b7280; }
.bar { display: block; width: 100%; height: 4px; border-radius: 2px; background: #e5e7eb; overflow: hidden; }
.bar span { display: block; height: 100%; width: 0; background: var(--c); transition: width .2s; }
.fail { margin: 4px 4px 0; font-size: 12px; color: #b91c1c; text-align: right; }
.acts { display: flex; gap: 12px; margin: 2px 4px 0; }
.drop { position: absolute; inset: 0; display: none; flex-direction: column; align-items: center; justify-content: center; gap: 8px;
  background: rgb(255 255 255 / 94%); border: 2px dashed var(--c); border-radius: inherit; color: var(--c); font-weight: 600; pointer-events: none; }
.drop svg { width: 28px; height: 28px; }
.dropping .drop { display: flex; }
.foot { display: flex; justify-content: space-between; padding: 0 14px 8px; background: #fff; font-size: 11px; color: #9ca3af; }
.link { border: 0; padding: 0; background: none; color: var(--c); font-size: 12px; font-weight: 600; cursor: pointer; }
@media (max-width: 480px) {
  .root { right: 12px; bottom: 12px; }
  .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; }
  .bubble[aria-expanded='true'] { display: none; }
}
@media (prefers-reduced-motion: reduce) { .bubble, .bar span { transition: none; } }
`;
