/* tangping's optional enhancement: keys 1-5 answer, s skips, the left
   arrow goes back, and answering moves on without reloading the page.
   Everything works without it: the page's forms post as they are. Plain
   ES5, for old Android WebViews. */
(function () {
  "use strict";
  if (!window.fetch || !window.history || !window.history.pushState || !window.DOMParser || !window.FormData) {
    return;
  }
  var busy = false;
  var clicked = null;

  document.addEventListener("click", function (e) {
    var b = e.target && e.target.closest ? e.target.closest("button[type=submit]") : null;
    clicked = b;
  }, true);

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var form = document.querySelector("form.question");
    if (!form) return;
    var b = null;
    if (e.key >= "1" && e.key <= "9") {
      b = form.querySelector("button[name=a][value='" + e.key + "']");
    } else if (e.key === "s" || e.key === "S") {
      b = form.querySelector("button[name=skip]");
    } else if (e.key === "ArrowLeft") {
      var prev = document.querySelector("a[rel=prev]");
      if (prev) { e.preventDefault(); prev.click(); }
      return;
    }
    if (b) { e.preventDefault(); b.click(); }
  });

  function swap(html, url, push) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    if (!doc.body || !doc.querySelector("main")) { location.href = url; return; }
    document.title = doc.title;
    document.body.className = doc.body.className;
    document.body.innerHTML = doc.body.innerHTML;
    if (push) history.pushState({ swapped: true }, "", url);
    var focus = document.querySelector("legend, h1");
    if (focus) { focus.setAttribute("tabindex", "-1"); focus.focus(); }
    window.scrollTo(0, 0);
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form || form.method.toLowerCase() !== "post" || !form.hasAttribute("data-swap")) return;
    e.preventDefault();
    if (busy) return;
    busy = true;
    var sub = e.submitter || clicked;
    var body = new URLSearchParams();
    var fd = new FormData(form);
    fd.forEach(function (v, k) { body.append(k, v); });
    if (sub && sub.name) body.append(sub.name, sub.value);
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "follow" })
      .then(function (res) {
        return res.text().then(function (html) { swap(html, res.url, res.redirected); });
      })
      .catch(function () {
        // the network failed: post the form as a page would (an answer
        // posted twice is the same answer)
        if (sub && sub.name) {
          var h = document.createElement("input");
          h.type = "hidden"; h.name = sub.name; h.value = sub.value;
          form.appendChild(h);
        }
        form.submit();
      })
      .then(function () { busy = false; }, function () { busy = false; });
  });

  window.addEventListener("popstate", function () { location.reload(); });
})();
