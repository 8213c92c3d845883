// People pickers (organisations/pickers.py). Without JavaScript their "Søg" button submits the
// form, which shows the page again with the matches. With it, htmx searches instead; the button
// stops being a submit button so Enter in the form's other fields still sends the form, and Enter
// in the search box searches at once instead of sending the form half-filled.
(function () {
  function prepare(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("[data-kd-picker-search]").forEach((button) => {
      button.type = "button";
    });
  }

  document.addEventListener("keydown", (event) => {
    const input = event.target.closest && event.target.closest("[data-kd-picker-query]");
    if (!input || event.key !== "Enter") return;
    event.preventDefault();
    if (window.htmx) window.htmx.trigger(input, "kd-search");
  });

  document.addEventListener("htmx:load", (event) => prepare(event.target));
  document.addEventListener("DOMContentLoaded", () => prepare(document));
})();
