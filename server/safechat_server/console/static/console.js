// The review console's only script: forms are sent once (a second press does nothing), and
// times are also shown as an age ("12 min ago"). The pages work without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[method=post]")) {
    form.addEventListener("submit", () => {
      for (const button of form.querySelectorAll("button[type=submit]")) {
        setTimeout(() => { button.disabled = true; }, 0);
      }
    });
  }
  const now = Date.now();
  for (const time of document.querySelectorAll("table.queue time[datetime]")) {
    const minutes = Math.round((now - Date.parse(time.getAttribute("datetime"))) / 60000);
    if (!Number.isNaN(minutes) && minutes >= 0) {
      const age = minutes < 60 ? `${minutes} min ago`
        : minutes < 2880 ? `${Math.round(minutes / 60)} h ago` : `${Math.round(minutes / 1440)} days ago`;
      time.title = time.textContent;
      time.textContent = `${time.textContent} (${age})`;
    }
  }
});
