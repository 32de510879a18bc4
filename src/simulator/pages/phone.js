// The phone page: one client's phone, texting one practice number. Plain browser JavaScript.
const config = JSON.parse(document.getElementById('sim-config').textContent);
const $ = (id) => document.getElementById(id);
const FINAL = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];
const E164 = /^\+[1-9]\d{6,14}$/;
const phone = { me: '', practice: '', messages: new Map(), calls: new Map(), attachment: null, events: null };

function pretty(n) {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(n || '');
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : n;
}
function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}
function clock(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}
function minutes(sec) {
  const s = Math.max(0, Math.round(sec || 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
let toastTimer = null;
function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.classList.remove('hidden');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => t.classList.add('hidden'), 4500);
}
async function api(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

// ---- who am I, whom do I text
function setup() {
  const me = $('me');
  for (const c of config.clients) me.add(new Option(`${c.name} · ${pretty(c.number)}`, c.number));
  me.add(new Option('Another number…', 'custom'));
  for (const p of config.practices) $('practice').add(new Option(pretty(p.number), p.number));
  const saved = JSON.parse(localStorage.getItem('sim-phone') || '{}');
  const params = new URLSearchParams(location.search);
  const wantMe = params.get('me') || saved.me;
  const wantPractice = params.get('practice') || saved.practice;
  if (wantMe && config.clients.some((c) => c.number === wantMe)) me.value = wantMe;
  else if (wantMe) { me.value = 'custom'; $('custom').value = wantMe; }
  if (wantPractice && config.practices.some((p) => p.number === wantPractice)) $('practice').value = wantPractice;
  me.addEventListener('change', switchNumbers);
  $('practice').addEventListener('change', switchNumbers);
  $('custom').addEventListener('change', switchNumbers);
  if (config.practices.length === 0) toast('No practice numbers: start the simulator with SIM_ACCOUNTS.');
  switchNumbers();
}

function switchNumbers() {
  const custom = $('me').value === 'custom';
  $('custom-wrap').classList.toggle('hidden', !custom);
  const me = custom ? $('custom').value.trim() : $('me').value;
  const practice = $('practice').value;
  $('title').textContent = 'The practice';
  $('subtitle').textContent = pretty(practice) || 'no number';
  if (!E164.test(me)) {
    if (custom) $('custom').focus();
    return;
  }
  phone.me = me;
  phone.practice = practice;
  localStorage.setItem('sim-phone', JSON.stringify({ me, practice }));
  connect();
}

// ---- live updates
function involves(x) {
  return x.from === phone.me || x.to === phone.me;
}
function connect() {
  if (phone.events) phone.events.close();
  const events = new EventSource(`/_sim/events?number=${encodeURIComponent(phone.me)}`);
  phone.events = events;
  const live = (on, text) => {
    $('live').classList.toggle('on', on);
    $('live-text').textContent = text;
  };
  events.onopen = () => {
    live(true, `Live · ringing here for ${pretty(phone.me)}`);
    load();
  };
  events.onerror = () => live(false, 'Reconnecting…');
  events.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (!involves(m)) return;
    phone.messages.set(m.sid, m);
    render();
  });
  events.addEventListener('call', (e) => {
    const c = JSON.parse(e.data);
    if (involves(c)) {
      phone.calls.set(c.sid, c);
      render();
    }
    callUpdated(c);
  });
  events.addEventListener('ring', (e) => {
    const r = JSON.parse(e.data);
    if (r.to === phone.me) showIncoming(r);
  });
  events.addEventListener('ring-end', (e) => ringEnded(JSON.parse(e.data)));
}

async function load() {
  const n = encodeURIComponent(phone.me);
  try {
    const [messages, calls] = await Promise.all([api('GET', `/_sim/messages?number=${n}`), api('GET', `/_sim/calls?number=${n}`)]);
    phone.messages = new Map(messages.map((m) => [m.sid, m]));
    phone.calls = new Map(calls.map((c) => [c.sid, c]));
    render();
  } catch (err) {
    toast(`Could not load the conversation: ${err.message}`);
  }
}

// ---- the conversation
function shownCall(c) {
  return (c.direction === 'inbound' && c.from === phone.me && c.to === phone.practice) ||
    (c.direction !== 'inbound' && c.to === phone.me && c.from === phone.practice);
}
function callText(c) {
  const mine = c.direction === 'inbound';
  const who = mine ? 'You called the practice' : 'The practice called';
  if (!FINAL.includes(c.status)) return `${who} · ${c.status === 'in-progress' ? 'on the call' : 'ringing…'}`;
  if (mine && c.transcript.some((t) => t.startsWith('Record:') && !t.includes('without'))) {
    return `${who} · voicemail left · ${minutes(c.recordings[0] ? c.recordings[0].duration : 0)}`;
  }
  if (c.status === 'completed') return `${who} · ${minutes(c.duration)}`;
  return `${who} · ${c.status.replace('-', ' ')}`;
}

function render() {
  const thread = $('thread');
  const atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
  const peer = (x) => (x.from === phone.me ? x.to : x.from);
  const items = [
    ...[...phone.messages.values()].filter((m) => peer(m) === phone.practice).map((m) => ({ at: m.dateCreated, m })),
    ...[...phone.calls.values()].filter(shownCall).map((c) => ({ at: c.dateCreated, c })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  thread.replaceChildren();
  if (items.length === 0) {
    thread.append(el('div', 'empty', 'No messages yet. Say hello to the practice — your text arrives in the inbox.'));
    return;
  }
  let day = '';
  for (const item of items) {
    const d = new Date(item.at).toLocaleDateString([], { weekday: 'long', month: 'short', day: 'numeric' });
    if (d !== day) thread.append(el('div', 'day', (day = d)));
    if (item.c) {
      thread.append(el('div', 'call-row', `📞 ${callText(item.c)}`));
      continue;
    }
    const m = item.m;
    const mine = m.from === phone.me;
    const failed = ['failed', 'undelivered'].includes(m.status);
    const bubble = el('div', `bubble ${mine ? 'mine' : 'theirs'}${failed ? ' failed' : ''}`);
    for (const media of m.media) {
      if ((media.contentType || '').startsWith('image/')) {
        const img = el('img');
        img.src = media.url;
        img.alt = 'Picture';
        img.addEventListener('load', () => {
          if (atBottom || items.length < 8) thread.scrollTop = thread.scrollHeight;
        });
        bubble.append(img);
      } else bubble.append(el('div', '', `📎 ${media.contentType}`));
    }
    if (m.body) bubble.append(document.createTextNode(m.body));
    thread.append(bubble);
    let meta = clock(m.dateCreated);
    if (m.direction === 'outbound-reply') meta += ' · automatic reply';
    if (failed) meta += ` · not delivered${m.errorCode ? ` (${m.errorCode})` : ''}`;
    else if (!mine && m.status !== 'delivered') meta += ` · ${m.status}`;
    thread.append(el('div', `meta${mine ? ' mine' : ''}${failed ? ' warn' : ''}`, meta));
  }
  if (atBottom || items.length < 8) thread.scrollTop = thread.scrollHeight;
}

// ---- composing
function autoGrow() {
  const t = $('text');
  t.style.height = 'auto';
  t.style.height = `${Math.min(t.scrollHeight, 120)}px`;
}
function clearAttachment() {
  phone.attachment = null;
  $('attachment').classList.add('hidden');
  $('file').value = '';
}
function pickFile() {
  const file = $('file').files[0];
  if (!file) return;
  if (!file.type.startsWith('image/')) return toast('Pick a picture (an image file).');
  if (file.size > 5 * 1024 * 1024) return toast('That picture is larger than 5 MB.');
  const reader = new FileReader();
  reader.onload = () => {
    const url = String(reader.result);
    phone.attachment = { contentType: file.type, base64: url.slice(url.indexOf(',') + 1) };
    $('attachment-img').src = url;
    $('attachment').classList.remove('hidden');
  };
  reader.readAsDataURL(file);
}
async function send(event) {
  event.preventDefault();
  const body = $('text').value.trim();
  if (!body && !phone.attachment) return;
  if (!phone.me || !phone.practice) return toast('Choose your number and the practice number first.');
  $('send-btn').disabled = true;
  try {
    const res = await api('POST', '/_sim/sms', {
      from: phone.me, to: phone.practice, body, media: phone.attachment ? [phone.attachment] : undefined,
    });
    phone.messages.set(res.message.sid, res.message);
    render();
    $('text').value = '';
    autoGrow();
    clearAttachment();
    if (res.status === 0) toast('Sent, but the inbox could not be reached (is it running?).');
    else if (res.status >= 300) toast(`Sent; the inbox answered HTTP ${res.status}.`);
  } catch (err) {
    toast(`Not sent: ${err.message}`);
  } finally {
    $('send-btn').disabled = false;
  }
}

$('composer').addEventListener('submit', send);
$('text').addEventListener('input', autoGrow);
$('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    $('composer').requestSubmit();
  }
});
$('attach-btn').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', pickFile);
$('attachment-remove').addEventListener('click', clearAttachment);
