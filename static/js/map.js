// The shortage map: Leaflet without tiles; boundaries and scores come from this app only.
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el || typeof L === "undefined") return;
  const BINS = [20, 40, 60, 80];
  const binOf = (score) => (score === null || score === undefined) ? "unknown" : String(BINS.filter((b) => score >= b).length);
  const COLORS = { "0": "#fef0d9", "1": "#fdcc8a", "2": "#fc8d59", "3": "#e34a33", "4": "#b30000", unknown: "#c8ced3" };

  const map = L.map(el, { minZoom: 6, maxZoom: 12, zoomSnap: 0.25 }).setView([52.2, 5.4], 7.25);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(el.dataset.attribution);
  const panel = document.getElementById("region-panel");
  // On a phone the municipality's breakdown slides up over the map as a bottom sheet.
  const narrow = window.matchMedia("(max-width: 860px)");
  const closeSheet = () => panel.classList.remove("sheet");

  function open(code) {
    htmx.ajax("GET", el.dataset.panel.replace("CODE", code), { target: panel, swap: "innerHTML" })
      .then(() => {
        if (!narrow.matches) return;
        const close = document.createElement("button");
        close.type = "button";
        close.className = "sheet-close btn btn-small btn-secondary";
        close.textContent = panel.dataset.closeLabel || "×";
        close.addEventListener("click", closeSheet);
        panel.prepend(close);
        panel.classList.add("sheet");
        panel.scrollTop = 0;
        close.focus();
      });
  }
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeSheet(); });

  const switcher = document.getElementById("dimension-switch");
  let dimension = "recruitment";
  const scoreOf = (r) => !r ? null : (dimension === "combined" ? r.shortage_score : r.scores[dimension]);
  const labelOf = (f, r) => {
    if (!r) return f.properties.name;
    const s = scoreOf(r);
    return `${r.name}: ${s === null ? "?" : Math.round(s)}`;
  };

  // Big work is done in slices with a pause between, so the page stays responsive on a slow
  // phone (no task blocks input for long): municipalities a few dozen at a time, markers by
  // the hundred.
  const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
  async function inSlices(items, size, each) {
    for (let i = 0; i < items.length; i += size) {
      items.slice(i, i + size).forEach(each);
      await pause();
    }
  }

  Promise.all([fetch(el.dataset.geojson).then((r) => r.json()), fetch(el.dataset.regions).then((r) => r.json())])
    .then(async ([shapes, regions]) => {
      const byCode = new Map(regions.items.map((r) => [r.code, r]));
      const style = (f) => ({ color: "#ffffff", weight: 0.6, fillOpacity: 0.9, fillColor: COLORS[binOf(scoreOf(byCode.get(f.properties.code)))] });
      const layer = L.geoJSON(null, {
        style,
        onEachFeature: (f, lyr) => {
          const r = byCode.get(f.properties.code);
          const label = labelOf(f, r);
          lyr.bindTooltip(label, { sticky: true });
          lyr.on("click", () => open(f.properties.code));
          lyr.on("add", () => {
            const path = lyr.getElement();
            if (!path) return;
            path.setAttribute("tabindex", "0");
            path.setAttribute("role", "button");
            path.setAttribute("aria-label", label);
            path.dataset.code = f.properties.code;
            path.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(f.properties.code); } });
          });
        },
      }).addTo(map);
      await pause();
      await inSlices(shapes.features, 24, (feature) => layer.addData(feature));
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      if (switcher) {
        switcher.addEventListener("change", (e) => {
          if (e.target.name !== "dimension") return;
          dimension = e.target.value;
          layer.setStyle(style);
          layer.eachLayer((lyr) => {
            const label = labelOf(lyr.feature, byCode.get(lyr.feature.properties.code));
            lyr.setTooltipContent(label);
            const path = lyr.getElement();
            if (path) path.setAttribute("aria-label", label);
          });
          el.dataset.dimension = dimension;
        });
      }
      el.dataset.dimension = dimension;
      el.dataset.ready = "true";
    });

  fetch(el.dataset.practices).then((r) => r.json()).then(async (points) => {
    const renderer = L.canvas({ padding: 0.2 });
    await inSlices(points, 400, ([lat, lon]) => {
      L.circleMarker([lat, lon], { renderer, radius: 3, color: "#0b5563", weight: 1, fillColor: "#ffffff", fillOpacity: 1, interactive: false }).addTo(map);
    });
    el.dataset.practicesDrawn = String(points.length);
  });
})();
