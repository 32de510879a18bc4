// The phone page's calls: calling the practice, and calls that ring here (click-to-call).
const calling = { ringing: null, active: null, timer: null };

function nameOf(number) {
  return config.practices.some((p) => p.number === number) ? `The practice · ${pretty(number)}` : pretty(number);
}

async function callPractice() {
  if (!phone.me || !phone.practice) return toast('Choose your number and the practice number first.');
  $('call-dialog').showModal();
}

$('call-dialog').addEventListener('close', async () => {
  if ($('call-dialog').returnValue !== 'call') return;
  const outcome = new FormData($('call-form')).get('outcome');
  const duration = Math.max(1, Math.round(Number($('call-duration').value) || 30));
  showInCall(`Calling ${nameOf(phone.practice)}…`, null);
  try {
    const res = await api('POST', '/_sim/calls', { from: phone.me, to: phone.practice, outcome, duration });
    phone.calls.set(res.sid, res);
    render();
    const failed = res.requests.filter((r) => r.status < 200 || r.status >= 300);
    const recorded = res.recordings.length ? ` · ${res.recordings.length} recording(s)` : '';
    toast(`Call ${res.status}${res.duration ? ` · ${minutes(res.duration)}` : ''}${recorded}` +
      (failed.length ? ` · the inbox answered ${failed.map((r) => r.status || 'no answer').join(', ')}` : ''));
  } catch (err) {
    toast(`Call failed: ${err.message}`);
  } finally {
    hideInCall();
  }
});

function showIncoming(ring) {
  calling.ringing = ring;
  $('incoming-from').textContent = nameOf(ring.from);
  $('incoming').classList.remove('hidden');
}
function ringEnded(ring) {
  if (calling.ringing && calling.ringing.callSid === ring.callSid) {
    calling.ringing = null;
    $('incoming').classList.add('hidden');
    if (ring.reason === 'timeout') toast('Missed call.');
  }
}
async function answer(yes) {
  const ring = calling.ringing;
  if (!ring) return;
  calling.ringing = null;
  $('incoming').classList.add('hidden');
  try {
    await api('POST', `/_sim/calls/${ring.callSid}/${yes ? 'answer' : 'decline'}`);
    if (yes) showInCall(`With ${nameOf(ring.from)}`, ring.callSid);
  } catch (err) {
    toast(`Too late: ${err.message}`);
  }
}

function showInCall(text, sid) {
  calling.active = sid ? { sid, started: Date.now() } : null;
  $('in-call-title').textContent = sid ? 'On a call' : 'Calling';
  $('in-call-with').textContent = text;
  $('in-call-timer').textContent = sid ? '0:00' : '';
  $('in-call-timer').classList.toggle('hidden', !sid);
  $('hangup-btn').parentElement.classList.toggle('hidden', !sid);
  const spinner = $('in-call').querySelector('.spinner');
  if (!sid && !spinner) $('in-call-with').after(el('div', 'spinner'));
  if (sid && spinner) spinner.remove();
  $('in-call').classList.remove('hidden');
  clearInterval(calling.timer);
  if (sid) {
    calling.timer = setInterval(() => {
      $('in-call-timer').textContent = minutes((Date.now() - calling.active.started) / 1000);
    }, 500);
  }
}
function hideInCall() {
  clearInterval(calling.timer);
  calling.active = null;
  $('in-call').classList.add('hidden');
}
async function hangUp() {
  const active = calling.active;
  hideInCall();
  if (active) await api('POST', `/_sim/calls/${active.sid}/hangup`).catch(() => {});
}
function callUpdated(c) {
  if (calling.active && c.sid === calling.active.sid && FINAL.includes(c.status)) {
    hideInCall();
    toast('The call has ended.');
  }
}

$('call-btn').addEventListener('click', callPractice);
$('answer-btn').addEventListener('click', () => answer(true));
$('decline-btn').addEventListener('click', () => answer(false));
$('hangup-btn').addEventListener('click', hangUp);

setup();
