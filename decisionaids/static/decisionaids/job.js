// Live progress for a decision aid being printed: poll the job's status and show it;
// once the job is finished, reload so the download and "given" buttons appear.
// Without JavaScript the page offers a "Check again" link instead.
(function () {
  const line = document.getElementById("aid-status");
  if (!line || !line.dataset.poll) return;
  const check = document.getElementById("aid-check");
  if (check) check.hidden = true;
  let delay = 1000;
  async function poll() {
    try {
      const response = await fetch(line.dataset.poll, {headers: {Accept: "application/json"}});
      if (response.ok) {
        const job = await response.json();
        if (line.textContent !== job.message) line.textContent = job.message;
        line.dataset.status = job.status;
        if (job.finished) { window.location.reload(); return; }
      }
    } catch (error) {
      if (check) check.hidden = false;
    }
    delay = Math.min(delay * 1.5, 5000);
    window.setTimeout(poll, delay);
  }
  window.setTimeout(poll, delay);
})();
