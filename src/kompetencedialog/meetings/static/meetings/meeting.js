// Live meeting client for the projector, the facilitator and the phone.
// Every text from the room is put on the page with textContent, never as HTML.
(() => {
  "use strict";
  const root = document.getElementById("kd-meeting");
  if (!root) return;
  const mode = root.dataset.mode;
  const code = root.dataset.code;
  const strings = {};
  document.querySelectorAll("#kd-strings").forEach((template) => {
    template.content.querySelectorAll("[data-key]").forEach((node) => {
      strings[node.dataset.key] = node.textContent;
    });
  });
  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  // --- state -------------------------------------------------------------------------------
  const store = {
    meeting: {},
    questions: [],
    themes: [],
    contributions: new Map(),
    hiddenCount: 0,
    results: null,
    myVotes: { contribution: {}, theme: {} },
    selected: new Set(),
    cloud: false,
    promoted: [],
    voters: 0,
    participant: null,
    groupSizes: {},
  };

  // --- the phone's outbox: kept in localStorage until the server has it --------------------
  const queueKey = `kd-meeting-queue-${code}`;
  const sentKey = `kd-meeting-sent-${code}`;
  const load = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key) || "[]");
    } catch (error) {
      return [];
    }
  };
  const save = (key, value) => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* private mode: keep going without persistence */
    }
  };
  // Votes are sent as "my dots on this item", shown at once; the server answers each in order.
  // Only the answer to the last vote in flight is applied, so a slow answer to an earlier tap
  // never undoes a later one.
  let votesInFlight = 0;
  let confirmedVotes = null;
  let queue = load(queueKey);
  let sent = load(sentKey);
  const newClientId = () =>
    (window.crypto && crypto.randomUUID
      ? crypto.randomUUID()
      : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

  function markSent(clientId) {
    const item = queue.find((q) => q.client_id === clientId);
    if (!item) return;
    queue = queue.filter((q) => q.client_id !== clientId);
    save(queueKey, queue);
    if (!sent.some((s) => s.client_id === clientId)) {
      sent.push(item);
      save(sentKey, sent);
    }
    schedule();
  }

  // --- the connection, reconnecting with back-off ------------------------------------------
  let socket = null;
  let connected = false;
  let retry = 500;
  let retryTimer = null;
  let flushing = false;

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}${root.dataset.wsPath}`);
    setStatus(strings.connecting);
    socket.addEventListener("open", () => {
      connected = true;
      retry = 500;
    });
    socket.addEventListener("message", (event) => handle(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => {
      connected = false;
      // 4404: the meeting is over (or ended by itself while this phone was away). Retrying
      // would only count as guesses against the room's network, so stop here.
      if (event.code === 4404) store.meeting.ended = true;
      if (store.meeting.ended) {
        setStatus(strings.ended);
        return;
      }
      setStatus(mode === "phone" ? strings.offline : strings.connecting);
      clearTimeout(retryTimer);
      // 4429: too many tries from this network; wait a minute before the next one.
      retryTimer = setTimeout(connect, event.code === 4429 ? 60000 : retry);
      retry = Math.min(retry * 2, 5000);
    });
  }
  window.addEventListener("online", () => {
    if (connected) return;
    clearTimeout(retryTimer);
    retry = 500;
    retryTimer = setTimeout(connect, 100);
  });

  function send(message) {
    if (connected && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  // Re-send what the server has not confirmed, one at a time, with the same client_id.
  async function flush() {
    if (flushing) return;
    flushing = true;
    for (const item of [...queue]) {
      if (!connected) break;
      send({ type: "contribute", question: item.question, text: item.text, client_id: item.client_id });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    flushing = false;
  }

  function setStatus(text) {
    const status = $("kd-status");
    if (status && status.textContent !== text) status.textContent = text;
  }

  // --- messages from the server ------------------------------------------------------------
  function handle(message) {
    switch (message.type) {
      case "state":
        setStatus(strings.connected);
        store.meeting = message.meeting;
        store.questions = message.questions;
        store.themes = message.themes;
        store.hiddenCount = message.hidden_count;
        store.results = store.meeting.voting === "revealed" ? message.results || null : null;
        store.contributions = new Map(message.contributions.map((c) => [c.id, c]));
        if (message.my_votes) store.myVotes = confirmedVotes = message.my_votes;
        votesInFlight = 0;
        if (message.participant) store.participant = message.participant;
        store.groupSizes = message.group_sizes || {};
        (message.mine || []).forEach(markSent);
        if (mode === "phone") flush();
        break;
      case "contribution":
        store.contributions.set(message.id, { ...store.contributions.get(message.id), ...message });
        markSent(message.client_id);
        break;
      case "received":
        markSent(message.client_id);
        break;
      case "pending":
        store.contributions.set(message.contribution.id, message.contribution);
        break;
      case "count":
        store.hiddenCount = message.hidden_count;
        break;
      case "removed":
        store.contributions.delete(message.id);
        store.selected.delete(message.id);
        break;
      case "meeting":
        if (message.meeting.voting !== "revealed") store.results = null;
        store.meeting = message.meeting;
        if (!message.meeting.hidden && !message.meeting.moderated) store.hiddenCount = 0;
        break;
      case "board":
        store.themes = message.themes;
        message.contributions.forEach((row) => {
          const c = store.contributions.get(row.id);
          if (c) {
            c.theme = row.theme;
            c.merged_into = row.merged_into;
          }
        });
        break;
      case "groups":
        store.meeting.groups = message.groups;
        store.groupSizes = message.sizes;
        if (store.participant) {
          store.participant.group = message.assignments[String(store.participant.id)] || null;
        }
        break;
      case "reported": {
        const c = store.contributions.get(message.id);
        if (c) c.reported = message.reported;
        break;
      }
      case "results":
        store.results = message.results;
        break;
      case "votes":
        confirmedVotes = message.my_votes;
        votesInFlight = Math.max(0, votesInFlight - 1);
        if (!votesInFlight) store.myVotes = confirmedVotes;
        break;
      case "vote_progress":
        store.voters = message.voters;
        break;
      case "promoted":
        store.promoted.push(message.outcome);
        break;
      case "ended":
        store.meeting.ended = true;
        if (mode === "facilitator") {
          location.reload();
          return;
        }
        break;
      case "error":
        showError(message);
        break;
      default:
        break;
    }
    schedule();
  }

  function showError(message) {
    if (["no_dots", "voting_closed"].includes(message.code) && votesInFlight) {
      votesInFlight -= 1;
      if (!votesInFlight && confirmedVotes) store.myVotes = confirmedVotes;
    }
    if (mode === "phone") {
      if (message.code === "rate_limited") {
        setTimeout(flush, 2000);
      } else if (["length", "question", "invalid"].includes(message.code)) {
        // The server will never take this one: drop it from the outbox and say why.
        queue = queue.slice(1);
        save(queueKey, queue);
      }
      const group = $("kd-text-group");
      const error = $("kd-text-error");
      if (group && error) {
        group.classList.add("form-error");
        error.hidden = false;
        error.textContent = message.detail;
      }
    }
    setStatus(message.detail);
  }

  // --- rendering, at most once a frame -----------------------------------------------------
  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  }

  const currentQuestion = () =>
    store.questions.find((q) => q.id === store.meeting.current_question) || store.questions[0];
  const visibleContributions = () =>
    [...store.contributions.values()].filter((c) => c.status !== "removed" && !c.merged_into);

  function render() {
    const question = currentQuestion();
    const questionNode = $("kd-question");
    if (questionNode) questionNode.textContent = question ? question.text : "";
    const cardNode = $("kd-card");
    if (cardNode && question) {
      const index = store.questions.indexOf(question) + 1;
      cardNode.textContent = `${question.card} · ${strings.question_of} ${index}/${store.questions.length}`;
    }
    renderTimer();
    const hidden = $("kd-hidden");
    if (hidden) {
      hidden.hidden = !store.hiddenCount || mode === "phone";
      hidden.textContent = `${store.hiddenCount} ${strings.hidden_count}`;
    }
    if (mode === "phone") renderPhone();
    else renderBoard();
    renderResults();
    if (mode === "facilitator") renderFacilitatorTools();
  }

  let timerHandle = null;
  function renderTimer() {
    const node = $("kd-timer");
    if (!node) return;
    clearInterval(timerHandle);
    const ends = store.meeting.timer_ends ? Date.parse(store.meeting.timer_ends) : null;
    if (!ends) {
      node.hidden = true;
      return;
    }
    const tick = () => {
      const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      node.hidden = false;
      node.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      node.classList.toggle("kd-timer--done", left === 0);
      if (left === 0) clearInterval(timerHandle);
    };
    tick();
    timerHandle = setInterval(tick, 1000);
  }

  function contributionCard(c) {
    const item = el("li", `kd-note kd-note--${c.status}`);
    item.dataset.id = c.id;
    const text = el("p", "kd-note-text", c.text);
    item.append(text);
    const duplicates = [...store.contributions.values()].filter((d) => d.merged_into === c.id).length;
    const meta = [];
    if (c.author) meta.push(c.author);
    if (c.group && !byGroup()) meta.push(`${strings.group} ${c.group}`);
    if (c.theme && byGroup()) meta.push((store.themes.find((t) => t.id === c.theme) || {}).title);
    if (c.reported && byGroup()) {
      item.classList.add("kd-note--reported");
      meta.unshift(strings.reported);
    }
    if (duplicates) meta.push(`+${duplicates} ${strings.merged}`);
    if (c.status === "pending") meta.push(strings.pending);
    if (c.status === "hidden") meta.push(strings.hidden);
    if (meta.length) item.append(el("p", "kd-note-meta", meta.join(" · ")));
    if (mode === "facilitator") {
      item.tabIndex = 0;
      item.draggable = true;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", store.selected.has(c.id) ? "true" : "false");
      if (c.status === "pending") {
        const actions = el("p", "kd-note-actions");
        const approve = el("button", "button button-secondary", strings.approve);
        approve.type = "button";
        approve.dataset.approve = c.id;
        const remove = el("button", "button button-tertiary", strings.remove);
        remove.type = "button";
        remove.dataset.remove = c.id;
        actions.append(approve, remove);
        item.append(actions);
      }
    }
    return item;
  }

  // While the room is split, each small group has its own board (a column); otherwise the
  // columns are the themes.
  const byGroup = () => store.meeting.groups > 0;
  const groupSize = (n) => {
    const size = store.groupSizes[String(n)] || 0;
    return `${size} ${size === 1 ? strings.member : strings.members}`;
  };

  function groupColumns(all) {
    const reporting = store.meeting.reporting_group;
    const numbers = [...Array(store.meeting.groups).keys()].map((n) => n + 1);
    if (reporting && mode === "projector") {
      // The group reporting back fills the screen with the points it chose (or all it said).
      const own = all.filter((c) => c.group === reporting);
      const chosen = own.filter((c) => c.reported);
      return [{ group: reporting, title: `${strings.group} ${reporting} ${strings.reports_back}`, notes: chosen.length ? chosen : own, reporting: true }];
    }
    const columns = numbers.map((n) => {
      const title = `${strings.group} ${n} · ${groupSize(n)}`;
      const notes = all.filter((c) => c.group === n).sort((a, b) => b.reported - a.reported);
      return { group: n, title: reporting === n ? `${title} · ${strings.reports_back}` : title, notes, reporting: reporting === n };
    });
    const loose = all.filter((c) => !numbers.includes(c.group));
    if (loose.length) columns.push({ group: null, title: strings.no_group, notes: loose });
    return columns;
  }

  function themeColumns(all) {
    const columns = [...store.themes.map((t) => ({ theme: t.id, title: t.title })), { theme: null, title: strings.unthemed }];
    return columns
      .map((column) => ({ ...column, notes: all.filter((c) => (c.theme || null) === column.theme) }))
      .filter((column) => column.theme !== null || column.notes.length || !store.themes.length);
  }

  function renderBoard() {
    const board = $("kd-board");
    if (!board) return;
    const question = currentQuestion();
    const all = visibleContributions().filter(
      (c) => !question || c.question === question.id || (c.theme && !byGroup())
    );
    board.replaceChildren();
    board.classList.toggle("kd-board--reporting", byGroup() && !!store.meeting.reporting_group && mode === "projector");
    const columns = byGroup() ? groupColumns(all) : themeColumns(all);
    for (const column of columns) {
      const notes = column.notes;
      const section = el("section", column.reporting ? "kd-column kd-column--reporting" : "kd-column");
      if (column.theme !== undefined) section.dataset.theme = column.theme === null ? "" : column.theme;
      const heading = el("h2", "kd-column-title", column.title);
      section.append(heading);
      const list = el("ul", "kd-notes");
      if (mode === "facilitator") {
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-multiselectable", "true");
        list.setAttribute("aria-label", column.title);
      }
      notes.forEach((c) => list.append(contributionCard(c)));
      if (!notes.length) section.append(el("p", "kd-empty", strings.no_contributions));
      else section.append(list);
      board.append(section);
    }
  }

  function renderResults() {
    const node = $("kd-results");
    if (!node) return;
    node.hidden = !store.results;
    if (!store.results) return;
    node.replaceChildren(el("h2", "kd-results-title", strings.results));
    const list = el("ol", "kd-results-list");
    store.results.slice(0, 10).forEach((r) => {
      const label =
        r.kind === "theme"
          ? (store.themes.find((t) => t.id === r.id) || {}).title
          : (store.contributions.get(r.id) || {}).text;
      const item = el("li", "kd-result");
      item.append(el("span", "kd-result-text", label || "…"), el("span", "kd-result-dots", ` ${r.dots} ${strings.dots}`));
      list.append(item);
    });
    node.append(list);
  }

  function renderFacilitatorTools() {
    const lock = $("kd-lock");
    if (lock) lock.setAttribute("aria-pressed", store.meeting.locked ? "true" : "false");
    const target = $("kd-theme-target");
    const source = $("kd-promote-source");
    const options = (select, items, keep) => {
      const value = select.value;
      select.replaceChildren();
      items.forEach(([v, label]) => {
        const option = el("option", null, label);
        option.value = v;
        select.append(option);
      });
      if (keep && [...select.options].some((o) => o.value === value)) select.value = value;
    };
    if (target) {
      options(target, [["", strings.unthemed], ...store.themes.map((t) => [String(t.id), t.title])], true);
    }
    if (source) {
      const items = [["selected", `${strings.select} (${store.selected.size})`]];
      store.themes.forEach((t) => items.push([`theme:${t.id}`, t.title]));
      options(source, items, true);
    }
    renderGroupTool();
    const progress = $("kd-vote-progress");
    if (progress) {
      progress.textContent = store.meeting.voting === "open" ? `${store.voters} ${strings.voters}` : "";
    }
    const promoted = $("kd-promoted");
    if (promoted) {
      promoted.replaceChildren(...store.promoted.map((o) => el("li", null, `${strings.promoted}: ${o.text}`)));
    }
    const cloud = $("kd-cloud");
    if (cloud) {
      cloud.hidden = !store.cloud;
      if (store.cloud) renderCloud(cloud);
    }
    document.querySelectorAll("[data-setting]").forEach((box) => {
      const name = box.dataset.setting;
      box.checked = name === "anonymous" ? store.meeting.naming === "anonymous" : !!store.meeting[name];
    });
  }

  function renderGroupTool() {
    const buttons = $("kd-report-buttons");
    if (!buttons) return;
    const split = byGroup();
    $("kd-group-split").hidden = !split;
    if (!split) return;
    buttons.replaceChildren();
    for (let n = 1; n <= store.meeting.groups; n += 1) {
      const button = el("button", "button button-secondary", `${strings.group} ${n} ${strings.reports_back} (${groupSize(n)})`);
      button.type = "button";
      button.dataset.reportGroup = n;
      button.setAttribute("aria-pressed", store.meeting.reporting_group === n ? "true" : "false");
      buttons.append(button);
    }
  }

  const STOP = new Set(
    "og i at det en til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan kan".split(" ")
  );
  function renderCloud(node) {
    const question = currentQuestion();
    const counts = new Map();
    visibleContributions()
      .filter((c) => !question || c.question === question.id)
      .forEach((c) => {
        c.text
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter((w) => w.length > 2 && !STOP.has(w))
          .forEach((w) => counts.set(w, (counts.get(w) || 0) + 1));
      });
    const words = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
    const max = words.length ? words[0][1] : 1;
    node.replaceChildren();
    const list = el("ul", "kd-cloud-words");
    words.forEach(([word, count]) => {
      const size = Math.max(1, Math.ceil((count / max) * 5));
      const item = el("li", `kd-cloud-word kd-cloud-${size}`, word);
      item.title = String(count);
      list.append(item);
    });
    node.append(list);
  }

  // --- the phone ---------------------------------------------------------------------------
  function renderPhone() {
    const form = $("kd-contribute");
    const text = $("kd-text");
    const locked = store.meeting.locked || store.meeting.ended;
    if (form && text) {
      text.disabled = !!locked;
      form.querySelector("button").disabled = !!locked;
    }
    if (store.meeting.ended) setStatus(strings.ended);
    else if (store.meeting.locked) setStatus(strings.locked);
    else if (!connected) setStatus(strings.offline);
    const mine = $("kd-mine");
    if (mine) {
      mine.replaceChildren();
      sent.forEach((item) => {
        const li = el("li", "kd-mine-item", item.text);
        li.append(el("span", "kd-mine-state", ` · ${strings.sent}`));
        mine.append(li);
      });
      queue.forEach((item) => {
        const li = el("li", "kd-mine-item kd-mine-item--queued", item.text);
        li.append(el("span", "kd-mine-state", ` · ${strings.queued}`));
        mine.append(li);
      });
    }
    renderVote();
    renderGroupBoard();
  }

  // The phone's own small group: what the group has said to this question, and which points
  // it will report back to the room (anyone in the group may choose them).
  function renderGroupBoard() {
    const section = $("kd-group");
    if (!section) return;
    const group = store.participant && store.participant.group;
    section.hidden = !(group && byGroup());
    if (section.hidden) return;
    $("kd-group-heading").textContent = `${strings.your_group}: ${strings.group} ${group}`;
    const reporting = $("kd-group-reporting");
    reporting.hidden = store.meeting.reporting_group !== group;
    const question = currentQuestion();
    const notes = visibleContributions().filter(
      (c) => c.group === group && (!question || c.question === question.id)
    );
    const list = $("kd-group-items");
    list.replaceChildren();
    notes.forEach((c) => {
      const li = el("li", c.reported ? "kd-group-item kd-group-item--reported" : "kd-group-item");
      li.append(el("p", "kd-group-text", c.text));
      const button = el("button", c.reported ? "button button-primary" : "button button-secondary", strings.report_point);
      button.type = "button";
      button.setAttribute("aria-pressed", c.reported ? "true" : "false");
      button.setAttribute("aria-label", `${strings.report_point}: ${c.text}`);
      button.dataset.report = JSON.stringify({ id: c.id, reported: !c.reported });
      li.append(button);
      list.append(li);
    });
    $("kd-group-empty").hidden = notes.length > 0;
  }

  function dotsUsed() {
    const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
    return sum(store.myVotes.contribution) + sum(store.myVotes.theme);
  }

  function renderVote() {
    const section = $("kd-vote");
    if (!section) return;
    const open = store.meeting.voting === "open";
    section.hidden = !open;
    if (!open) return;
    $("kd-vote-heading").textContent = strings.voting_open;
    const left = store.meeting.dots_per_person - dotsUsed();
    $("kd-dots-left").textContent = `${strings.dots_left}: ${left}`;
    const items = [];
    store.themes.forEach((t) => items.push({ target: "theme", id: t.id, text: t.title }));
    visibleContributions()
      .filter((c) => !c.theme)
      .forEach((c) => items.push({ target: "contribution", id: c.id, text: c.text }));
    const list = $("kd-vote-items");
    list.replaceChildren();
    items.forEach((item) => {
      const mineDots = store.myVotes[item.target][String(item.id)] || 0;
      const li = el("li", "kd-vote-item");
      li.append(el("p", "kd-vote-text", item.text));
      const row = el("p", "kd-vote-dots");
      const minus = el("button", "button button-secondary kd-dot-button", "−");
      minus.type = "button";
      minus.setAttribute("aria-label", `${strings.remove_dot}: ${item.text}`);
      minus.disabled = mineDots === 0;
      minus.dataset.vote = JSON.stringify({ target: item.target, id: item.id, dots: mineDots - 1 });
      const plus = el("button", "button button-primary kd-dot-button", "+");
      plus.type = "button";
      plus.setAttribute("aria-label", `${strings.add_dot}: ${item.text}`);
      plus.disabled = left <= 0;
      plus.dataset.vote = JSON.stringify({ target: item.target, id: item.id, dots: mineDots + 1 });
      const dots = el("span", "kd-dots", "●".repeat(mineDots) || "○");
      dots.setAttribute("aria-label", `${mineDots} ${strings.dots}`);
      row.append(minus, dots, plus);
      li.append(row);
      list.append(li);
    });
  }

  if (mode === "phone") {
    const form = $("kd-contribute");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const textarea = $("kd-text");
      const text = textarea.value.trim();
      const group = $("kd-text-group");
      const error = $("kd-text-error");
      group.classList.remove("form-error");
      error.hidden = true;
      if (!text) {
        textarea.focus();
        return;
      }
      const question = currentQuestion();
      const item = { client_id: newClientId(), question: question ? question.id : null, text };
      queue.push(item);
      save(queueKey, queue);
      textarea.value = "";
      if (!send({ type: "contribute", ...item })) setStatus(strings.offline);
      schedule();
    });
    document.addEventListener("click", (event) => {
      const report = event.target.closest("[data-report]");
      if (report) {
        const label = report.getAttribute("aria-label");
        if (send({ type: "report", ...JSON.parse(report.dataset.report) })) {
          const c = store.contributions.get(JSON.parse(report.dataset.report).id);
          if (c) c.reported = !c.reported;
          render();
          const again = document.querySelector(`[aria-label="${CSS.escape(label)}"]`);
          if (again) again.focus();
        } else {
          setStatus(strings.offline);
        }
        return;
      }
      const button = event.target.closest("[data-vote]");
      if (!button) return;
      const vote = JSON.parse(button.dataset.vote);
      if (!send({ type: "vote", ...vote })) return;
      votesInFlight += 1;
      // Show the dot at once so quick taps add up; the server's answer corrects it.
      store.myVotes[vote.target][String(vote.id)] = vote.dots;
      render();
      const again = document.querySelector(`[aria-label="${CSS.escape(button.getAttribute("aria-label"))}"]`);
      if (again && !again.disabled) again.focus();
    });
    // A phone that loses its network often keeps a dead socket open: drop it and queue.
    window.addEventListener("offline", () => {
      if (socket) socket.close();
    });
  }

  // --- the facilitator's controls ----------------------------------------------------------
  function selectedIds() {
    return [...store.selected].filter((id) => store.contributions.has(id));
  }

  function act(action) {
    const ids = selectedIds();
    const needSelection = () => {
      if (ids.length) return true;
      setStatus(strings.select_first);
      return false;
    };
    switch (action) {
      case "next":
      case "previous":
      case "reveal":
        send({ type: action });
        break;
      case "lock":
        send({ type: store.meeting.locked ? "unlock" : "lock" });
        break;
      case "timer":
        send({ type: "timer", seconds: parseInt($("kd-timer-seconds").value, 10) || 0 });
        break;
      case "groups":
        send({ type: "groups", groups: parseInt($("kd-groups").value, 10) || 0 });
        break;
      case "gather":
        send({ type: "groups", groups: 0 });
        break;
      case "report-next": {
        // The next group reports back; after the last, nobody.
        const next = (store.meeting.reporting_group || 0) + 1;
        if (!byGroup()) return;
        send({ type: "report_back", group: next <= store.meeting.groups ? next : null });
        break;
      }
      case "report-stop":
        send({ type: "report_back", group: null });
        break;
      case "theme-create": {
        const title = $("kd-theme-title").value.trim();
        if (!title) {
          setStatus(strings.theme_title_needed);
          $("kd-theme-title").focus();
          return;
        }
        send({ type: "theme_create", title, contributions: ids });
        $("kd-theme-title").value = "";
        store.selected.clear();
        break;
      }
      case "theme-assign": {
        if (!needSelection()) return;
        const value = $("kd-theme-target").value;
        send({ type: "theme_assign", theme: value ? parseInt(value, 10) : null, contributions: ids });
        store.selected.clear();
        break;
      }
      case "merge":
        if (ids.length < 2) {
          setStatus(strings.select_first);
          return;
        }
        send({ type: "merge", into: ids[0], contributions: ids.slice(1) });
        store.selected.clear();
        break;
      case "remove":
        if (!needSelection()) return;
        send({ type: "remove", contributions: ids });
        store.selected.clear();
        break;
      case "vote-start":
        send({ type: "vote_start", dots: parseInt($("kd-dots").value, 10) || 3 });
        break;
      case "vote-stop":
        send({ type: "vote_stop" });
        break;
      case "vote-reveal":
        send({ type: "vote_reveal" });
        break;
      case "vote-cycle": {
        const next = { open: "vote_stop", stopped: "vote_reveal" }[store.meeting.voting] || "vote_start";
        act(next.replace("_", "-"));
        return;
      }
      case "promote": {
        const kind = $("kd-promote-kind").value;
        const from = $("kd-promote-source").value;
        if (from.startsWith("theme:")) {
          send({ type: "promote", kind, theme: parseInt(from.slice(6), 10) });
        } else {
          if (!needSelection()) return;
          send({ type: "promote", kind, contributions: ids });
          store.selected.clear();
        }
        break;
      }
      case "cloud": {
        store.cloud = !store.cloud;
        const button = document.querySelector('[data-action="cloud"]');
        if (button) button.setAttribute("aria-expanded", String(store.cloud));
        break;
      }
      case "help": {
        const help = $("kd-help");
        help.hidden = !help.hidden;
        document.querySelector('[data-action="help"]').setAttribute("aria-expanded", String(!help.hidden));
        break;
      }
      default:
        return;
    }
    schedule();
  }

  if (mode === "facilitator") {
    document.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (button) {
        act(button.dataset.action);
        return;
      }
      const approve = event.target.closest("[data-approve]");
      if (approve) {
        send({ type: "approve", contributions: [parseInt(approve.dataset.approve, 10)] });
        return;
      }
      const remove = event.target.closest("[data-remove]");
      if (remove) {
        send({ type: "remove", contributions: [parseInt(remove.dataset.remove, 10)] });
        return;
      }
      const reportGroup = event.target.closest("[data-report-group]");
      if (reportGroup) {
        const group = parseInt(reportGroup.dataset.reportGroup, 10);
        send({ type: "report_back", group: store.meeting.reporting_group === group ? null : group });
        return;
      }
      const note = event.target.closest(".kd-note");
      if (note) toggle(parseInt(note.dataset.id, 10));
    });
    document.addEventListener("change", (event) => {
      const box = event.target.closest("[data-setting]");
      if (!box) return;
      const name = box.dataset.setting;
      const settings =
        name === "anonymous" ? { naming: box.checked ? "anonymous" : "optional" } : { [name]: box.checked };
      send({ type: "settings", settings });
    });
    const toggle = (id) => {
      if (store.selected.has(id)) store.selected.delete(id);
      else store.selected.add(id);
      const focused = document.activeElement && document.activeElement.dataset.id;
      render();
      if (focused) {
        const again = document.querySelector(`.kd-note[data-id="${focused}"]`);
        if (again) again.focus();
      }
    };
    const shortcuts = {
      n: "next", p: "previous", r: "reveal", l: "lock", t: "timer", g: "theme-create",
      m: "theme-assign", d: "merge", x: "remove", w: "cloud", v: "vote-cycle", f: "report-next",
      "?": "help",
    };
    document.addEventListener("keydown", (event) => {
      const note = event.target.closest && event.target.closest(".kd-note");
      if (note && (event.key === " " || event.key === "Enter")) {
        event.preventDefault();
        toggle(parseInt(note.dataset.id, 10));
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.matches("input, textarea, select")) return;
      const action = shortcuts[event.key];
      if (action) {
        event.preventDefault();
        act(action);
      }
    });
    // Drag and drop: a note onto a theme column moves it there.
    document.addEventListener("dragstart", (event) => {
      const note = event.target.closest(".kd-note");
      if (note) event.dataTransfer.setData("text/plain", note.dataset.id);
    });
    document.addEventListener("dragover", (event) => {
      if (event.target.closest(".kd-column[data-theme]")) event.preventDefault();
    });
    document.addEventListener("drop", (event) => {
      const column = event.target.closest(".kd-column[data-theme]");
      if (!column) return;
      event.preventDefault();
      const id = parseInt(event.dataTransfer.getData("text/plain"), 10);
      const theme = column.dataset.theme ? parseInt(column.dataset.theme, 10) : null;
      const ids = store.selected.has(id) ? selectedIds() : [id];
      send({ type: "theme_assign", theme, contributions: ids });
      store.selected.clear();
    });
  }

  connect();
  render();
})();
