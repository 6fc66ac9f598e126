// Move focus to the error summary or notice after a page load, so keyboard and
// screen-reader users land on what needs their attention (WCAG 3.3.1).
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("[data-autofocus]");
  if (target) { target.focus(); }
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#f-']");
      if (!link) { return; }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (field) { event.preventDefault(); field.focus(); }
    });
  }
});
