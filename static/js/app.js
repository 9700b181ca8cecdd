// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("submit", (event) => {
  const message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});

// The header menu is open in the HTML (so it works without JavaScript); on narrow screens it
// starts closed and opens with its button; it stays open on wide screens, where it is a bar.
(() => {
  const menu = document.querySelector("[data-menu]");
  if (!menu) return;
  const narrow = window.matchMedia("(max-width: 1199px)");
  const fit = () => { menu.open = !narrow.matches; };
  fit();
  narrow.addEventListener("change", fit);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && narrow.matches) menu.open = false; });
})();

// Panels marked data-open-wide (the match filters) are closed in the HTML, so that on a phone
// the first result is on the first screen and nothing moves once the page is drawn; beside
// the results, on a wide screen, they open. Without JavaScript their summary opens them.
(() => {
  const wide = window.matchMedia("(min-width: 861px)");
  document.querySelectorAll("details[data-open-wide]").forEach((panel) => {
    if (wide.matches) panel.open = true;
  });
})();
