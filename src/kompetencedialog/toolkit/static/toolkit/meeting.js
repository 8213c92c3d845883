// The meeting view: one card or question at a time, keyboard and buttons, a timer per question,
// and notes that are saved as you type. Unsent text waits in localStorage and is sent again when
// the connection is back, so a dropped Wi-Fi never loses what the note-taker wrote.
(() => {
  const script = document.currentScript;
  const text = script.dataset;
  const root = document.querySelector("[data-meeting]");
  if (!root) return;

  const slides = [...root.querySelectorAll("[data-slide]")];
  const notes = [...root.querySelectorAll("[data-note]")];
  const stage = root.querySelector("[data-stage]");
  const progress = root.querySelector("[data-progress]");
  const progressText = root.querySelector("[data-progress-text]");
  const hint = root.querySelector("[data-notes-hint]");
  const questionSlides = slides.filter((s) => s.dataset.question);
  const cardSlides = slides.filter((s) => s.classList.contains("kd-slide-card"));
  let current = 0;

  function format(template, n, total) {
    return template.replace("{n}", n).replace("{total}", total);
  }

  function show(index) {
    current = Math.max(0, Math.min(index, slides.length - 1));
    slides.forEach((slide, i) => { slide.hidden = i !== current; });
    const slide = slides[current];
    const question = slide.dataset.question;
    notes.forEach((note) => { note.hidden = note.dataset.note !== question; });
    hint.hidden = Boolean(question);
    progress.value = current + 1;
    if (question) {
      const n = questionSlides.indexOf(slide) + 1;
      progressText.textContent = format(progressText.dataset.template, n, questionSlides.length);
    } else if (cardSlides.includes(slide)) {
      const n = cardSlides.indexOf(slide) + 1;
      progressText.textContent = format(progressText.dataset.cardTemplate, n, cardSlides.length);
    } else {
      progressText.textContent = "";
    }
    history.replaceState(null, "", `#${current + 1}`);
    resetTimer();
  }

  function noteField() {
    const note = notes.find((n) => !n.hidden);
    return note ? note.querySelector("textarea") : null;
  }

  root.querySelector("[data-next]").addEventListener("click", () => show(current + 1));
  root.querySelector("[data-prev]").addEventListener("click", () => show(current - 1));

  document.addEventListener("keydown", (event) => {
    const inField = event.target.matches("textarea, input, select");
    if (inField) {
      if (event.key === "Escape") {
        event.preventDefault();
        stage.focus();
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "ArrowRight" || event.key === "PageDown") {
      event.preventDefault();
      show(current + 1);
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      event.preventDefault();
      show(current - 1);
    } else if (event.key === "Home") {
      event.preventDefault();
      show(0);
    } else if (event.key === "End") {
      event.preventDefault();
      show(slides.length - 1);
    } else if (event.key === "n" || event.key === "N") {
      const field = noteField();
      if (field) {
        event.preventDefault();
        field.focus();
      }
    } else if (event.key === "t" || event.key === "T") {
      event.preventDefault();
      toggleTimer();
    }
  });

  // Show or hide the notes, so the projector can show the question alone.
  const toggle = root.querySelector("[data-toggle-notes]");
  toggle.addEventListener("click", () => {
    const hidden = root.classList.toggle("kd-notes-hidden");
    toggle.setAttribute("aria-expanded", String(!hidden));
    toggle.textContent = hidden ? text.show : text.hide;
  });

  // --- the timer ------------------------------------------------------------------------------
  const minutes = root.querySelector("[data-timer-minutes]");
  const timerButton = root.querySelector("[data-timer-toggle]");
  const display = root.querySelector("[data-timer-display]");
  const alert = root.querySelector("[data-timer-alert]");
  let remaining = 0;
  let ticking = null;

  function render() {
    const m = Math.floor(remaining / 60);
    const s = String(remaining % 60).padStart(2, "0");
    display.textContent = Number(minutes.value) ? `${m}:${s}` : "";
    display.classList.toggle("kd-timer-up", Number(minutes.value) > 0 && remaining === 0);
  }
  function stop() {
    clearInterval(ticking);
    ticking = null;
    timerButton.textContent = text.start;
  }
  function resetTimer() {
    stop();
    remaining = Number(minutes.value) * 60;
    timerButton.disabled = !Number(minutes.value);
    alert.textContent = "";
    render();
  }
  function toggleTimer() {
    if (!Number(minutes.value)) return;
    if (ticking) {
      stop();
      return;
    }
    if (remaining === 0) remaining = Number(minutes.value) * 60;
    timerButton.textContent = text.pause;
    ticking = setInterval(() => {
      remaining = Math.max(0, remaining - 1);
      render();
      if (remaining === 0) {
        stop();
        alert.textContent = text.timeUp;
      }
    }, 1000);
  }
  minutes.addEventListener("change", resetTimer);
  timerButton.addEventListener("click", toggleTimer);

  // --- notes that survive a dropped connection ------------------------------------------------
  const fields = [...root.querySelectorAll("textarea[data-storage-key]")];
  const retryDelay = new Map();

  function statusOf(field) {
    return document.getElementById(field.getAttribute("aria-describedby"));
  }
  function remember(field) {
    try {
      localStorage.setItem(field.dataset.storageKey, field.value);
    } catch (e) {
      // Private browsing may refuse storage; the text is still sent.
    }
  }
  function forget(field) {
    try {
      localStorage.removeItem(field.dataset.storageKey);
    } catch (e) {
      // nothing to forget
    }
  }
  function scheduleRetry(field) {
    const delay = Math.min((retryDelay.get(field) || 1000) * 2, 30000);
    retryDelay.set(field, delay);
    setTimeout(() => htmx.trigger(field, "kd-retry"), delay);
  }

  fields.forEach((field) => {
    field.addEventListener("input", () => {
      remember(field);
      statusOf(field).textContent = text.unsaved;
    });
    field.addEventListener("htmx:beforeRequest", () => {
      field.dataset.sending = field.value;
    });
    field.addEventListener("htmx:afterRequest", (event) => {
      if (event.detail.successful) {
        retryDelay.delete(field);
        if (field.value === field.dataset.sending) {
          forget(field);
        } else {
          statusOf(field).textContent = text.unsaved;
        }
      } else if (event.detail.xhr && event.detail.xhr.status === 422) {
        // The server said no (too long): sending again would not help.
      } else if (event.detail.xhr && event.detail.xhr.status === 401) {
        // Logged out: the text stays in this browser and is sent after logging in again.
        statusOf(field).textContent = text.loggedOut;
      } else {
        statusOf(field).textContent = text.retrying;
        scheduleRetry(field);
      }
    });
  });

  // Text written before a reload that never reached the server: put it back and send it (once
  // htmx has set the fields up).
  document.addEventListener("DOMContentLoaded", () => fields.forEach((field) => {
    let stored = null;
    try {
      stored = localStorage.getItem(field.dataset.storageKey);
    } catch (e) {
      stored = null;
    }
    if (stored !== null && stored !== field.value) {
      field.value = stored;
      statusOf(field).textContent = text.unsaved;
      htmx.trigger(field, "kd-retry");
    } else if (stored !== null) {
      forget(field);
    }
  }));
  window.addEventListener("online", () => {
    fields.forEach((field) => {
      let pending = null;
      try {
        pending = localStorage.getItem(field.dataset.storageKey);
      } catch (e) {
        pending = null;
      }
      if (pending !== null) htmx.trigger(field, "kd-retry");
    });
  });

  const fromHash = parseInt(location.hash.slice(1), 10);
  show(Number.isNaN(fromHash) ? Number(root.dataset.start) : fromHash - 1);
})();
