// Ranking lists: without JavaScript people type positions; with it they drag rows (SortableJS),
// move them with the arrow buttons, and tick who is acceptable. The hidden position fields are
// renumbered after every change, so the form submits exactly what the list shows.
(() => {
  const say = (list, template, name, n) => {
    const status = list.parentElement.querySelector("[data-rank-status]");
    if (status) status.textContent = template.replace("%(name)s", name).replace("%(n)s", n);
  };

  const renumber = (list) => {
    let n = 0;
    for (const item of list.querySelectorAll(".rank-item")) {
      const ok = item.querySelector("[data-rank-ok]").checked;
      const input = item.querySelector("input.position");
      if (ok) n += 1;
      input.value = ok ? String(n) : "";
      item.querySelector(".rank-number").textContent = ok ? String(n) : "–";
      item.classList.toggle("rank-off", !ok);
    }
  };

  const announce = (list, item) => {
    const name = item.dataset.rankName;
    const value = item.querySelector("input.position").value;
    if (value) say(list, list.dataset.msgMoved, name, value);
    else say(list, list.dataset.msgOff, name, "");
  };

  const enhance = (list) => {
    // Show saved rankings in their order: ranked rows first by position, the rest after.
    const items = [...list.querySelectorAll(".rank-item")];
    const pos = (item) => Number(item.querySelector("input.position").value) || Infinity;
    items.sort((a, b) => pos(a) - pos(b)).forEach((item) => list.appendChild(item));
    list.classList.add("rank-enhanced");
    for (const hidden of list.querySelectorAll("[hidden]")) hidden.hidden = false;
    const help = list.parentElement.querySelector(".rank-help");
    if (help) help.hidden = false;
    const typed = list.parentElement.querySelector(".rank-nojs");
    if (typed) typed.hidden = true;
    renumber(list);

    list.addEventListener("click", (event) => {
      const button = event.target.closest("[data-rank-move]");
      if (!button) return;
      const item = button.closest(".rank-item");
      const step = Number(button.dataset.rankMove);
      const other = step < 0 ? item.previousElementSibling : item.nextElementSibling;
      if (!other) return;
      if (step < 0) list.insertBefore(item, other);
      else list.insertBefore(other, item);
      renumber(list);
      button.focus();
      announce(list, item);
    });
    list.addEventListener("change", (event) => {
      if (!event.target.matches("[data-rank-ok]")) return;
      renumber(list);
      announce(list, event.target.closest(".rank-item"));
    });
    if (window.Sortable) {
      window.Sortable.create(list, {
        handle: ".rank-handle",
        animation: 150,
        onEnd: (event) => {
          renumber(list);
          announce(list, event.item);
        },
      });
    }
  };

  document.querySelectorAll("[data-rank-list]").forEach(enhance);
})();
