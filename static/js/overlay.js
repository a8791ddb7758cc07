// Stream overlay: follow the drop's live totals; animate each sale and each
// milestone (10, 50, 100, the goal). CSS turns the motion off for
// prefers-reduced-motion.
"use strict";
(function overlay() {
  const root = document.querySelector("[data-events]");
  if (!root || !window.EventSource) return;
  const count = root.querySelector("[data-live=sold]");
  const revenue = root.querySelector("[data-live=revenue]");
  const bar = root.querySelector(".overlay-bar");
  const burst = root.querySelector(".overlay-burst");
  const price = Number(root.dataset.price);
  const goal = Number(root.dataset.goal) || 0;
  const money = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "currency", currency: root.dataset.currency.toUpperCase() });
  let last = Number(count.textContent);
  function restart(el, cls) {
    el.classList.remove(cls);
    void el.offsetWidth;
    el.classList.add(cls);
  }
  function announce(text) {
    burst.textContent = text;
    burst.hidden = false;
    restart(burst, "burst-in");
  }
  new EventSource(root.dataset.events).addEventListener("totals", (e) => {
    const t = JSON.parse(e.data);
    count.textContent = t.sold;
    if (revenue) revenue.textContent = money.format((t.sold * price) / 100);
    if (bar && t.goal_percent !== null) bar.style.width = t.goal_percent + "%";
    if (t.sold > last) {
      restart(count.parentElement, "bump");
      const crossed = [10, 50, 100, 250, 500, 1000].filter((m) => last < m && t.sold >= m);
      if (goal && last < goal && t.sold >= goal) announce(root.dataset.goalReached);
      else if (crossed.length) announce(root.dataset.milestone.replace("{n}", crossed[crossed.length - 1]));
    }
    last = t.sold;
  });
})();
