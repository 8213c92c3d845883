// Drag needed competences into priority order. The Up and Down buttons do the same without a
// mouse; after a drop the list's form is sent by htmx (the custom event "kd-reordered").
(function () {
  let dragged = null;

  function prepare(root) {
    root.querySelectorAll("[data-kd-sortable] > li[data-id]").forEach((item) => {
      item.setAttribute("draggable", "true");
      item.classList.add("kd-draggable");
    });
  }

  document.addEventListener("dragstart", (event) => {
    const item = event.target.closest && event.target.closest("[data-kd-sortable] > li[data-id]");
    if (!item) return;
    dragged = item;
    item.classList.add("kd-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.id);
  });

  document.addEventListener("dragover", (event) => {
    if (!dragged) return;
    const item = event.target.closest && event.target.closest("li[data-id]");
    if (!item || item === dragged || item.parentNode !== dragged.parentNode) return;
    event.preventDefault();
    const box = item.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    item.parentNode.insertBefore(dragged, after ? item.nextSibling : item);
  });

  document.addEventListener("drop", (event) => {
    if (dragged) event.preventDefault();
  });

  document.addEventListener("dragend", () => {
    if (!dragged) return;
    const form = dragged.closest("form");
    dragged.classList.remove("kd-dragging");
    dragged = null;
    if (form && window.htmx) window.htmx.trigger(form, "kd-reordered");
  });

  document.addEventListener("DOMContentLoaded", () => prepare(document));
  document.addEventListener("htmx:afterSwap", (event) => prepare(event.target.parentNode || document));
})();
