// Idle sign-out warning (config/security/sessions.py). The server ends a session
// after a quiet spell; shortly before, this shows a notice with a countdown and a
// "Stay signed in" button. Before warning it asks the server how long is left
// (asking is not activity), so work in another tab keeps this one quiet.
(function () {
  const body = document.body;
  const url = body.dataset.sessionUrl;
  const box = document.getElementById("session-warning");
  if (!url || !box) return;
  const warnMs = Number(body.dataset.sessionWarn) * 1000;
  const left = box.querySelector("[data-left]");
  const stay = document.getElementById("session-stay");
  let deadline = Date.now() + Number(body.dataset.sessionIdle) * 1000;
  let timer = null;
  let ticker = null;

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // While the warning shows, ask again every few seconds (another tab may have
  // kept the session), not back to back.
  const RECHECK_MS = 5000;

  function schedule() {
    window.clearTimeout(timer);
    const untilWarning = deadline - warnMs - Date.now();
    timer = window.setTimeout(check, untilWarning > 0 ? untilWarning : RECHECK_MS);
  }

  function hide() {
    box.hidden = true;
    window.clearInterval(ticker);
    ticker = null;
  }

  function ended() {
    // The server has signed the session out: reloading shows the sign-in page.
    window.location.reload();
  }

  function tick() {
    const seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    const minutes = Math.floor(seconds / 60);
    const rest = String(seconds % 60).padStart(2, "0");
    left.textContent = minutes + ":" + rest;
    if (seconds <= 0) ended();
  }

  function show() {
    if (box.hidden) {
      box.hidden = false;
      stay.focus();
    }
    tick();
    if (!ticker) ticker = window.setInterval(tick, 1000);
  }

  async function ask(method) {
    const options = {method: method, credentials: "same-origin",
      headers: {Accept: "application/json"}};
    if (method === "POST") options.headers["X-CSRFToken"] = csrfToken();
    const response = await fetch(url, options);
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  function update(state) {
    if (!state.active) { ended(); return; }
    deadline = Date.now() + state.remaining * 1000;
    if (state.remaining * 1000 > warnMs) { hide(); schedule(); } else { show(); schedule(); }
  }

  async function check() {
    try { update(await ask("GET")); } catch (error) { show(); schedule(); }
  }

  stay.addEventListener("click", async function () {
    try { update(await ask("POST")); } catch (error) { show(); }
  });
  schedule();
})();
