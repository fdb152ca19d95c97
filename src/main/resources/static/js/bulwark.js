// Sends the CSRF token with every htmx request and toggles the sidebar on small screens.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});
document.addEventListener('click', function (event) {
  var toggle = event.target.closest('[data-bw-toggle]');
  if (toggle) {
    var target = document.querySelector(toggle.getAttribute('data-bw-toggle'));
    if (target) {
      target.classList.toggle('open');
    }
  }
});
// A form with data-bw-busy shows that element while the request runs (uploads can take a while).
document.addEventListener('submit', function (event) {
  var busy = event.target.getAttribute && event.target.getAttribute('data-bw-busy');
  if (busy) {
    var el = document.querySelector(busy);
    if (el) {
      el.classList.remove('d-none');
    }
    // disabled after the browser has taken the form's data, so the pressed button's value is still sent
    setTimeout(function () {
      event.target.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
    }, 0);
  }
});
