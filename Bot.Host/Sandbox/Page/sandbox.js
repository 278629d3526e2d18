'use strict';
// The sandbox page: every action goes through the WeCom emulator's control API, so the bot sees the same signed,
// encrypted callbacks as in production. The page keeps nothing on the server; reloading it re-reads the emulator.

const control = document.body.dataset.control;
const TEAM_CHAT = 'sandbox-team';
const BOT_MENTION = '@销售助手 ';
const POLL_MS = 700;
const ROLES = { rep: '销售', manager: '经理', admin: '管理员' };

const $ = id => document.getElementById(id);

const state = {
  users: [],
  usersJson: '',
  me: null,                // { key, userId, group }
  logs: new Map(),         // identity key -> { el, sinceId }; each identity keeps its own conversation
  cards: new Map(),        // task_id -> card element
  handled: new Map(),      // task_id -> button text after the bot updated the card
  cardSince: 0,
  customers: new Map(),    // externalUserId -> { rep, el, deliveriesJson }; kept after removal to show what arrived
  careJson: '',
  waitingJson: '',
};

async function api(path, body) {
  const response = await fetch(control + path, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} 返回 HTTP ${response.status}`);
  return response.status === 204 ? null : response.json();
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function time(iso) {
  return new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
}

// WeCom markdown, simply: colour tags dropped, **bold** and # headings bold; line breaks come from pre-wrap.
function markdown(text) {
  const escaped = text.replace(/<\/?font[^>]*>/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/\*\*(.+?)\*\*/g, '<b>$1</b>').replace(/^#{1,6}\s*(.+)$/gm, '<b>$1</b>');
}

// ---- who am I ----

function roleName(user) { return ROLES[user.role] ?? user.role; }

function identities() {
  const list = state.users.map(u => ({ key: 'app:' + u.userId, userId: u.userId, group: false, label: `${u.name}（${roleName(u)}）` }));
  const managers = state.users.filter(u => u.role === 'manager');
  for (const m of managers) {
    const who = managers.length === 1 ? '经理' : `经理 ${m.name}`;
    list.push({ key: 'group:' + m.userId, userId: m.userId, group: true, label: `${who} · 团队群（智能机器人）` });
  }
  return list;
}

async function loadUsers() {
  const response = await fetch('/sandbox/api/users');
  const json = await response.text();
  if (json === state.usersJson) return;
  state.usersJson = json;
  state.users = JSON.parse(json);
  fillReps();
  fillIdentities();
}

function fillIdentities() {
  const me = $('me');
  const list = identities();
  me.replaceChildren();
  if (list.length === 0) {
    me.append(new Option('还没有成员，请先导入用户', ''));
    me.disabled = true;
    return;
  }
  me.disabled = false;
  for (const id of list) me.append(new Option(id.label, id.key));
  const wanted = state.me?.key ?? localStorage.getItem('sandbox.me');
  me.value = list.some(i => i.key === wanted) ? wanted : list[0].key;
  choose(me.value);
}

function choose(key) {
  const id = identities().find(i => i.key === key);
  if (!id || state.me?.key === key) return;
  state.me = id;
  localStorage.setItem('sandbox.me', key);
  if (!state.logs.has(key)) {
    const log = el('div', 'log');
    log.dataset.identity = key;
    state.logs.set(key, { el: log, sinceId: 0 });
    $('chat').append(log);
    // Opening the app in WeCom sends enter_agent; the bot greets a member the first time with things to try.
    if (!id.group) api('app/enter-agent', { userId: id.userId });
  }
  for (const [k, log] of state.logs) log.el.hidden = k !== key;
  // The customer panel follows whoever is chatting, since care messages wait for that member's confirmation.
  $('rep').value = id.userId;
  onRepChanged();
  scrollChat(true);
}

// ---- chat ----

function currentLog() { return state.logs.get(state.me.key); }

function scrollChat(force) {
  const chat = $('chat');
  if (force || chat.scrollHeight - chat.scrollTop - chat.clientHeight < 120) chat.scrollTop = chat.scrollHeight;
}

function addBubble(log, node) {
  log.el.append(node);
  if (log === currentLog()) scrollChat(false);
  return node;
}

function say(log, who, text) { return addBubble(log, el('div', `msg ${who}`, text)); }

function botMessage(m) {
  if (m.msgType === 'template_card') return cardBubble(m.payload);
  if (m.media && m.msgType === 'image') return pictureBubble(mediaUrl(m.media), m.media.fileName);
  if (m.media) return fileBubble(m.media);
  const bubble = el('div', 'msg bot');
  if (m.msgType === 'markdown') bubble.innerHTML = markdown(m.content ?? '');
  else if (m.msgType === 'textcard') bubble.textContent = `${m.payload.title ?? ''}\n${m.payload.description ?? ''}`;
  else bubble.textContent = m.content ?? `（${m.msgType} 消息）`;
  if (m.truncated) bubble.append(el('span', 'note', '超出企业微信的长度上限，已被截断'));
  return bubble;
}

// A delivered picture or file, as the member's phone would fetch it: the emulator keeps the uploaded bytes.
function mediaUrl(media) { return control + 'media/' + encodeURIComponent(media.mediaId); }

function pictureBubble(src, name) {
  const bubble = el('div', 'msg bot picture');
  const img = el('img');
  img.alt = name;
  // The picture's height is only known once it loads; a reader at the bottom of the chat stays there.
  img.addEventListener('load', () => {
    const chat = $('chat');
    if (chat.scrollHeight - chat.scrollTop - chat.clientHeight < 120 + img.clientHeight) chat.scrollTop = chat.scrollHeight;
  });
  img.src = src;
  bubble.append(img);
  return bubble;
}

function fileBubble(media) {
  const bubble = el('div', 'msg bot file');
  const link = el('a', '', media.fileName);
  link.href = mediaUrl(media);
  link.download = media.fileName;
  bubble.append(link, el('span', 'note', `${media.type === 'file' ? '文件' : media.type} · ${fileSize(media.length)}`));
  return bubble;
}

function fileSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function cardBubble(card) {
  const bubble = el('div', 'msg bot card');
  bubble.append(el('div', 'title', card.main_title?.title ?? '销售助手'));
  const body = [card.main_title?.desc, card.sub_title_text].filter(Boolean).join('\n');
  if (body) bubble.append(el('div', 'body', body));
  for (const row of card.horizontal_content_list ?? []) bubble.append(el('div', 'rows', `${row.keyname}：${row.value ?? ''}`));
  const buttons = el('div', 'buttons');
  for (const b of card.button_list ?? []) {
    const button = el('button', b.style === 1 ? '' : 'secondary', b.text);
    button.type = 'button';
    button.addEventListener('click', () => clickCard(card.task_id, b.key, bubble));
    buttons.append(button);
  }
  bubble.append(buttons);
  state.cards.set(card.task_id, bubble);
  if (state.handled.has(card.task_id)) markHandled(bubble, state.handled.get(card.task_id));
  return bubble;
}

async function clickCard(taskId, key, bubble) {
  for (const b of bubble.querySelectorAll('.buttons button')) b.disabled = true;
  try {
    await api('app/card-click', { userId: state.me.userId, taskId, eventKey: key });
  } catch (e) {
    for (const b of bubble.querySelectorAll('.buttons button')) b.disabled = false;
    showStatus('按钮没有点成功：' + e.message);
  }
}

function markHandled(bubble, text) {
  bubble.classList.add('handled');
  const button = el('button', '', text);
  button.disabled = true;
  bubble.querySelector('.buttons').replaceChildren(button);
}

async function send(text) {
  const me = state.me;
  const log = currentLog();
  if (!me.group) {
    say(log, 'me', text);
    const delivery = await api('app/text', { userId: me.userId, content: text });
    if (!delivery.delivered) say(log, 'system', `机器人没有收到这条消息（HTTP ${delivery.statusCode ?? '无应答'}）`);
    return;
  }
  // The AI bot answers a group mention in the same exchange (streamed), not through app messages.
  say(log, 'me', BOT_MENTION + text);
  const waiting = say(log, 'bot pending', '正在输入…');
  const exchange = await api('aibot/message', { userId: me.userId, content: BOT_MENTION + text, chatId: TEAM_CHAT });
  waiting.classList.remove('pending');
  waiting.innerHTML = markdown(exchange.finalContent ?? '');
  // Pictures come under the finishing stream message, as Base64 with their md5.
  for (const item of exchange.replies.at(-1)?.stream?.msg_item ?? [])
    addBubble(log, pictureBubble('data:image/png;base64,' + item.image.base64, '图片'));
  if (!exchange.finished) say(log, 'system', '机器人没有回答完' + (exchange.error ? `：${exchange.error}` : ''));
}

async function pollChat() {
  const me = state.me;
  if (!me || me.group) return;
  const log = currentLog();
  const messages = await api(`messages?touser=${encodeURIComponent(me.userId)}&sinceId=${log.sinceId}`);
  for (const m of messages) {
    if (m.id <= log.sinceId) continue;
    log.sinceId = m.id;
    addBubble(log, botMessage(m));
  }
}

async function pollCardUpdates() {
  for (const u of await api(`card-updates?sinceId=${state.cardSince}`)) {
    state.cardSince = Math.max(state.cardSince, u.id);
    if (!u.taskId) continue;
    const text = u.replaceName ?? '已处理';
    state.handled.set(u.taskId, text);
    const bubble = state.cards.get(u.taskId);
    if (bubble) markHandled(bubble, text);
  }
}

// ---- the customer's WeChat ----

function fillReps() {
  const rep = $('rep');
  const keep = rep.value;
  rep.replaceChildren(...state.users.map(u => new Option(`${u.name}（${roleName(u)}）`, u.userId)));
  if (state.users.some(u => u.userId === keep)) rep.value = keep;
}

function onRepChanged() {
  state.careJson = '';
  for (const c of state.customers.values()) c.el.hidden = c.rep !== $('rep').value;
  renderCustomersEmpty();
}

function renderCustomersEmpty() {
  const list = $('customers');
  list.querySelector('.empty')?.remove();
  if (![...state.customers.values()].some(c => !c.el.hidden)) list.append(el('p', 'empty', '这位成员还没有客户加好友。'));
}

function trackCustomer(rep, externalUserId, name, corp) {
  if (state.customers.has(externalUserId)) return;
  const item = el('div', 'item customer');
  const head = el('div', 'item-head');
  const title = el('div');
  title.append(el('strong', '', name), ' ', el('small', '', corp || '个人'));
  const remove = el('button', 'secondary', '删除该销售');
  remove.type = 'button';
  remove.addEventListener('click', () => removeRep(externalUserId));
  head.append(title, remove);
  item.append(head, el('div', 'deliveries'));
  item.hidden = rep !== $('rep').value;
  $('customers').prepend(item);
  state.customers.set(externalUserId, { rep, el: item, deliveriesJson: '' });
  renderCustomersEmpty();
}

async function addFriend(event) {
  event.preventDefault();
  const name = $('customer-name').value.trim();
  const corp = $('customer-corp').value.trim();
  const rep = $('rep').value;
  if (!name || !rep) return;
  $('add-friend').disabled = true;
  try {
    const added = await api('contacts', { userId: rep, name, corpName: corp || null });
    trackCustomer(rep, added.externalUserId, name, corp);
    $('customer-name').value = '';
    $('customer-corp').value = '';
  } catch (e) {
    showStatus('加好友失败：' + e.message);
  } finally {
    $('add-friend').disabled = false;
  }
}

async function removeRep(externalUserId) {
  const customer = state.customers.get(externalUserId);
  const button = customer.el.querySelector('.item-head button');
  button.disabled = true;
  try {
    await api('contacts/remove', { userId: customer.rep, externalUserId });
    customer.el.classList.add('removed');
    button.textContent = '已删除该销售';
  } catch (e) {
    button.disabled = false;
    showStatus('删除失败：' + e.message);
  }
}

async function pollCustomers() {
  const rep = $('rep').value;
  if (!rep) return;
  for (const c of await api(`contacts?userid=${encodeURIComponent(rep)}`))
    trackCustomer(rep, c.contact.externalUserId, c.contact.name, c.contact.corpName);
  const shown = [...state.customers].filter(([, c]) => c.rep === rep);
  await Promise.all(shown.map(([id, c]) => pollDeliveries(id, c)));
}

async function pollDeliveries(externalUserId, customer) {
  const deliveries = await api(`customers/${encodeURIComponent(externalUserId)}/deliveries`);
  const json = JSON.stringify(deliveries);
  if (json === customer.deliveriesJson) return;
  customer.deliveriesJson = json;
  customer.el.querySelector('.deliveries').replaceChildren(...deliveries.map(d => {
    const node = el('div', 'delivery');
    const attachments = d.attachments?.length ? `\n（附件 ${d.attachments.length} 个）` : '';
    node.append(el('span', 'tag', d.kind === 'welcome' ? '欢迎语' : '群发'), el('small', '', time(d.time)), '\n', (d.text ?? '') + attachments);
    return node;
  }));
}

// ---- care messages waiting for the member's confirmation ----

async function pollCare() {
  const rep = $('rep').value;
  if (!rep) return;
  const tasks = await api(`group-messages?sender=${encodeURIComponent(rep)}&confirmed=false`);
  const json = JSON.stringify(tasks);
  if (json === state.careJson) return;
  state.careJson = json;
  const list = $('care');
  if (tasks.length === 0) {
    list.replaceChildren(el('p', 'empty',
      '没有待确认的消息。节日和客户生日当天 9:00 会生成祝福（客户要先在上面「加为好友」），发送时间是 8:00–21:00；可以用「模拟时间」跳到节日或生日看看。'));
    return;
  }
  list.replaceChildren(...tasks.map(t => {
    const item = el('div', 'item care');
    const head = el('div', 'item-head');
    const confirm = el('button', '', '确认发送');
    confirm.type = 'button';
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      try {
        await api(`group-messages/${encodeURIComponent(t.msgId)}/confirm`, { userId: rep });
      } catch (e) {
        confirm.disabled = false;
        showStatus('确认失败：' + e.message);
      }
    });
    head.append(el('small', '', `${time(t.createTime)} · 发给 ${t.targets.length} 位客户`), confirm);
    item.append(head, el('div', 'delivery', t.text ?? '（只有附件）'));
    return item;
  }));
}

// ---- simulated time: play a morning, a festival or a birthday at any hour ----

const JOBS = {
  DueReminders: '到期提醒', DailyDigest: '每日跟进日报', WeeklyFunnel: '每周漏斗', Cadence: '跟进节奏',
  NightlyTiers: '客户分级', ChurnScan: '流失预警', ContactReconciliation: '通讯录核对',
  CareGreetings: '关怀祝福', CareResults: '关怀结果',
};

// Beijing time as the page shows it and as <input type=datetime-local> wants it.
function beijing(iso, withYear) {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).reduce((a, p) => ({ ...a, [p.type]: p.value }), {});
  return withYear ? `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}` : `${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function showClock(clock) {
  $('clock-now').textContent = clock.simulated
    ? `现在是模拟的北京时间 ${beijing(clock.now)}。机器人理解「明天」、提醒和定时任务都按这个时间。`
    : `现在是真实的北京时间 ${beijing(clock.now)}。`;
  if (!$('clock-at').value) $('clock-at').value = beijing(clock.now, true);
  $('clock-presets').replaceChildren(...clock.presets.map(p => {
    const button = el('button', 'secondary', p.label);
    button.type = 'button';
    button.title = p.what;
    button.addEventListener('click', () => moveClock(p.at));
    return button;
  }));
}

async function loadClock() {
  const response = await fetch('/sandbox/api/clock');
  if (response.ok) showClock(await response.json());
}

async function moveClock(at) {
  const response = await fetch('/sandbox/api/clock', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ at }),
  });
  if (!response.ok) {
    showStatus(`调时间失败：HTTP ${response.status}`);
    return;
  }
  const result = await response.json();
  $('clock-at').value = '';
  showClock(result.state);
  const lines = result.ran.map(r => el('div', 'delivery', `${beijing(r.at)} ${JOBS[r.job] ?? r.job}：${r.result}`));
  $('clock-log').replaceChildren(...(lines.length ? lines : [el('p', 'empty', '这段时间里没有定时任务要跑。')]));
}

async function pollWaiting() {
  const response = await fetch('/sandbox/api/waiting');
  if (!response.ok) return;
  const json = await response.text();
  if (json === state.waitingJson) return;
  state.waitingJson = json;
  const waiting = JSON.parse(json);
  $('waiting').replaceChildren(...waiting.map(w =>
    el('div', 'delivery', `等待发送 ${w.count} 条：${w.why}（最晚 ${beijing(w.until)}）`)));
}

// ---- wiring ----

// A failed action stays on screen for a few seconds; a failed poll stays until a poll succeeds again.
let statusTimer = 0;
function showStatus(text) {
  const status = $('status');
  status.textContent = text;
  status.hidden = false;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { status.hidden = true; }, 5000);
}

async function poll() {
  try {
    await Promise.all([pollChat(), pollCardUpdates(), pollCustomers(), pollCare(), pollWaiting()]);
  } catch (e) {
    showStatus('连不上机器人：' + e.message);
  }
  setTimeout(poll, POLL_MS);
}

$('me').addEventListener('change', e => choose(e.target.value));
$('rep').addEventListener('change', onRepChanged);
$('add-customer').addEventListener('submit', addFriend);
$('clock-form').addEventListener('submit', event => {
  event.preventDefault();
  moveClock($('clock-at').value + ':00+08:00');
});
$('clock-reset').addEventListener('click', () => moveClock(null));
$('composer').addEventListener('submit', async event => {
  event.preventDefault();
  const text = $('input').value.trim();
  if (!text || !state.me) return;
  $('input').value = '';
  try {
    await send(text);
  } catch (e) {
    say(currentLog(), 'system', '发送失败：' + e.message);
  }
});
$('input').addEventListener('keydown', e => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    $('composer').requestSubmit();
  }
});

loadUsers().catch(e => showStatus('读不到成员列表：' + e.message)).finally(poll);
loadClock().catch(() => {});
setInterval(() => loadUsers().catch(() => {}), 10000);
