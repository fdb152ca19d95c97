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
// A form with data-bw-upload sends its file with a progress bar (the element the attribute names),
// then goes where the server sent it, or shows the page it answered with (a refusal).
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!form.getAttribute || !form.getAttribute('data-bw-upload') || !window.FormData) {
    return;
  }
  event.preventDefault();
  var progress = document.querySelector(form.getAttribute('data-bw-upload'));
  var bar = progress ? progress.querySelector('.progress-bar') : null;
  if (progress) {
    progress.classList.remove('d-none');
  }
  var xhr = new XMLHttpRequest();
  xhr.open('POST', form.action);
  xhr.upload.onprogress = function (e) {
    if (e.lengthComputable && bar) {
      var percent = Math.round(e.loaded * 100 / e.total);
      bar.style.width = percent + '%';
      progress.setAttribute('aria-valuenow', percent);
    }
  };
  xhr.onload = function () {
    if (xhr.responseURL && xhr.responseURL !== form.action) {
      window.location.assign(xhr.responseURL);
    } else {
      document.open();
      document.write(xhr.responseText);
      document.close();
    }
  };
  xhr.onerror = function () {
    form.submit();
  };
  xhr.send(new FormData(form));
});
