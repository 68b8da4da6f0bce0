// The Zomro client area's support calls, as tests/browser/test_zomro_replay.py replays them.
(async ([api, talkSubject]) => {
  const qs = params => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined));
  const form = params => { const d = new FormData();
    Object.entries(params).forEach(([k, v]) => d.append(k, v)); return d; };
  const post = async body => {
    const response = await fetch(api + '/', {method: 'POST', body,
      headers: body instanceof URLSearchParams ? {'Content-Type': 'application/x-www-form-urlencoded'} : {}});
    const data = await response.json();
    if (data.doc.error) throw new Error(data.doc.error.msg.$);  // as every operation does
    return data.doc;
  };
  const seen = {};
  // authOperations.login, then whoami
  const login = await post(form({func: 'auth', username: 'client', password: 'demo', out: 'json',
                                 'g-recaptcha-response': 'token', sok: 'ok'}));
  const auth = login.auth.$id;
  await post(qs({func: 'whoami', out: 'json', lang: 'en', auth}));
  // userOperations.getUserInfo: menu rights (checkIfComponentShouldRender) and the alerts
  const rights = (await post(qs({func: 'menu', out: 'json', lang: 'en', auth, sok: 'ok'}))).mainmenu.node;
  seen.supportAllowed = rights.some(o => o.$name === 'support') &&
    rights.some(o => o.node.some(el => el.$name === 'clientticket_archive'));
  const dashboard = async () => (await post(qs({func: 'dashboard.tickets', out: 'json', lang: 'en', auth}))).elem;
  seen.alertsBefore = (await dashboard()).filter(t => t.tstatus.$ === 'New replies').map(t => t.id.$);
  // getTicketsHandler (RequestsPage: p_num, p_cnt), sorted on last_message_utc
  const list = async (func, body) => {
    const doc = await post(qs({func, sok: 'ok', out: 'json', auth, lang: 'en', p_col: '+time',
                               clickstat: 'yes', ...body}));
    return {rows: [...(doc.elem || [])].sort((a, b) =>
              new Date(b.last_message_utc.$) - new Date(a.last_message_utc.$)),
            count: doc.p_elems.$};
  };
  const page1 = await list('clientticket', {p_num: 1, p_cnt: 10});
  seen.listed = page1.rows.map(r => [r.id.$, r.name.$, r.tstatus.$, (r.toarchive || {}).$ || '']);
  seen.count = page1.count;
  // SupportFilter: reset, a subject filter, then the list unpaged (getTicketsHandler({p_cnt: undefined}))
  const filter = body => post(qs({func: 'clientticket.filter', lang: 'en', out: 'json', auth, sok: 'ok', ...body}));
  await filter({id: '', message: '', name: '', abuse: 'null', tstatus: '', message_post: 'nodate',
                message_poststart: '', message_postend: '', p_cnt: 10});
  const settings = await post(qs({func: 'clientticket.filter', lang: 'en', out: 'json', auth}));
  seen.filterLists = settings.slist.map(el => el.$name);
  await filter({id: '', message: '', name: 'SSL', abuse: 'null', tstatus: '', message_post: 'nodate',
                message_poststart: '', message_postend: ''});
  seen.filtered = (await list('clientticket', {p_cnt: undefined})).rows.map(r => r.name.$);
  await filter({id: '', message: '', name: '', abuse: 'null', tstatus: '', message_post: 'nodate',
                message_poststart: '', message_postend: '', p_cnt: 10});
  // getDepartmenList, getServiceList, createTicket (FormData, file_1)
  const blank = await post(qs({func: 'clientticket.edit', lang: 'en', out: 'json', auth}));
  const department = blank.slist.find(el => el.$name === 'client_department').val
    .find(v => v.$plainval.startsWith('Technical support'));  // the DepartmentSelect picked
  const services = (await post(qs({func: 'clientticket.edit', lang: 'en', out: 'json', auth,
    sv_field: 'ticket_item', sv_autocomplete: 'yes', ticket_item: 'vps'}))).slist
    .find(el => el.$name === 'ticket_item').val.map(e => ({label: e.$, value: e.$key}));
  const create = (subject, ticketItem, files) => {
    const d = form({func: 'clientticket.edit', out: 'json', sok: 'ok', auth, message: subject + ' please',
                    subject, ticket_item: ticketItem, client_department: department.$key});
    files.forEach((f, i) => d.append(`file_${i + 1}`, f));
    return post(d);
  };
  await create('Replay without service', 'null', [new File(['top: load 9'], 'top.txt')]);
  await create('Replay about the VPS', services[services.length - 1].value, []);
  // getTicketByIdHandler: OpenedTicket and MessageItem reads
  const open = async elid => {
    const doc = await post(qs({func: 'clientticket.edit', out: 'json', auth, clickstat: 'yes', lang: 'en', elid}));
    await dashboard();
    return doc;
  };
  const created = (await list('clientticket', {p_num: 1, p_cnt: 10})).rows;
  const about = await open(created.find(r => r.name.$ === 'Replay about the VPS').id.$);
  seen.serviceRelated = about.mlist[0].message[0].$type === 'info' ? about.mlist[0].message[0].rowgroup[0].row[0].$ : null;
  const talkId = created.find(r => r.name.$ === talkSubject).id.$;
  const talk = await open(talkId);
  seen.talk = {subject: talk.subject.$, created: talk.mlist[0].fm_date_post.$,
    closed: (talk.closed_ticket_user || {}).$ === 'on',
    messages: talk.mlist[0].message.filter(el => el.$type !== 'info').map(m => ({
      type: m.$type, who: m.user ? m.user.realname.$ : '', body: m.body.$, avatar: m.avatar ? m.avatar.$ : null,
      files: (m.file || []).map(f => [f.name.$, f.param.$]), rate: m.rates ? m.rates.rate.$name : null, id: m.$id}))};
  seen.alertsAfterOpen = (await dashboard()).filter(t => t.tstatus.$ === 'New replies').map(t => t.id.$);
  // getFile (responseType blob), setRate, sendMessage with two files
  const answer = seen.talk.messages.filter(m => m.type === 'outcoming').pop();
  const blob = await (await fetch(api + '/', {method: 'POST', body: qs({func: 'ticket.file', clickstat: 'yes',
    auth, elid: answer.files[0][1], lang: 'en'})})).text();
  seen.downloaded = blob;
  await post(qs({func: 'ticket.message.rate.good', out: 'json', auth, lang: 'en', elid: answer.id, plid: talkId}));
  const reply = form({func: 'clientticket.edit', out: 'json', sok: 'ok', auth, message: 'Two files', elid: talkId});
  reply.append('file_1', new File(['A'], 'a.txt')); reply.append('file_2', new File(['B'], 'b.txt'));
  await post(reply);
  const after = await open(talkId);
  const last = after.mlist[0].message[after.mlist[0].message.length - 1];
  seen.replied = [last.body.$, (last.file || []).map(f => f.name.$)];
  seen.rated = after.mlist[0].message.find(m => m.$id === answer.id).rates.rate.$name;
  // archiveTicketsHandler (ids joined by ', '), getTicketsArchiveHandler, the archived view
  const closable = (await list('clientticket', {p_num: 1, p_cnt: 10})).rows.filter(t => (t.toarchive || {}).$ === 'on');
  await post(qs({func: 'clientticket.archive', sok: 'ok', out: 'json', auth, clickstat: 'yes', lang: 'en',
                 elid: closable.map(t => t.id.$).join(', ')}));
  const archive = await list('clientticket_archive', {});
  seen.archived = archive.rows.map(r => [r.id.$, r.tstatus.$]);
  await post(qs({func: 'clientticket_archive.filter', lang: 'en', out: 'json', auth}));
  const archivedView = await open(archive.rows[0].id.$);
  seen.archivedView = [(archivedView.closed_ticket_user || {}).$,
    archivedView.mlist[0].message.filter(m => m.$type === 'system').map(m => m.body.$)];
  // getCurrentSessionStatus
  const alive = await (await fetch(api + '/', {method: 'POST', body: qs({func: 'keepalive', auth, out: 'json'})})).json();
  seen.expired = (alive.doc.error || {}).$type === 'access';
  return seen;
})
