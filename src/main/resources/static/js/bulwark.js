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
