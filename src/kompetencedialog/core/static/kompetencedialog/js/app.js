// Kompetencedialog: start the design system's components; page scripts live beside their pages.
document.addEventListener("DOMContentLoaded", () => {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
});
