// Keyboard entry for roll-call and canteen check sheets. On a row: 1/P present, 2/A abnormal (then
// the temperature), 3/S sick, 4/L personal leave, 5/O other absence; arrow keys move between rows;
// Alt+A marks everyone present and well; Ctrl+Enter saves. Canteen rows: F fit, N not fit.
(function () {
  var MARKS = { '1': 'PRESENT', 'p': 'PRESENT', '2': 'ABNORMAL', 'a': 'ABNORMAL', '3': 'SICK', 's': 'SICK',
    '4': 'PERSONAL', 'l': 'PERSONAL', '5': 'OTHER', 'o': 'OTHER' };
  var ABSENT = ['SICK', 'PERSONAL', 'OTHER'];

  function rows(form) {
    return Array.prototype.slice.call(form.querySelectorAll('tr.rc-row:not(.is-away)'));
  }

  function refresh(row) {
    var select = row.querySelector('select.rc-mark');
    if (!select) {
      return;
    }
    row.classList.toggle('is-abnormal', select.value === 'ABNORMAL');
    row.classList.toggle('is-absent', ABSENT.indexOf(select.value) >= 0);
  }

  function mark(row, value) {
    var select = row.querySelector('select.rc-mark');
    if (!select) {
      return;
    }
    select.value = value;
    refresh(row);
    if (value === 'ABNORMAL') {
      var t = row.querySelector('.rc-temperature');
      if (t) {
        t.focus();
        t.select();
      }
    }
  }

  function move(form, row, step, selector) {
    var all = rows(form);
    var next = all[all.indexOf(row) + step];
    if (!next) {
      return;
    }
    var target = (selector && next.querySelector(selector)) || next.querySelector('select.rc-mark, .cc-focus');
    if (target && target.offsetParent !== null) {
      target.focus();
    }
    else if (next.querySelector('select.rc-mark, .cc-focus')) {
      next.querySelector('select.rc-mark, .cc-focus').focus();
    }
  }

  document.addEventListener('click', function (event) {
    var all = event.target.closest('[data-rc-all-present]');
    if (!all) {
      return;
    }
    var form = all.closest('form');
    rows(form).forEach(function (row) { mark(row, 'PRESENT'); });
    var first = rows(form)[0];
    if (first && first.querySelector('select.rc-mark')) {
      first.querySelector('select.rc-mark').focus();
    }
  });

  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('select.rc-mark')) {
      refresh(event.target.closest('tr'));
    }
  });

  document.addEventListener('keydown', function (event) {
    var form = event.target.closest && event.target.closest('form[data-testid=roll-call-form], form[data-testid=canteen-form]');
    if (!form) {
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.altKey && (event.key === 'a' || event.key === 'A')) {
      var all = form.querySelector('[data-rc-all-present]');
      if (all) {
        event.preventDefault();
        all.click();
      }
      return;
    }
    var row = event.target.closest('tr.rc-row');
    if (!row) {
      return;
    }
    var typing = event.target.matches('input[type=text], input:not([type]), input[type=search], textarea');
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var selector = typing && event.target.className ? '.' + event.target.className.split(' ').filter(function (c) {
        return c.indexOf('rc-') === 0 || c.indexOf('cc-') === 0;
      })[0] : null;
      move(form, row, event.key === 'ArrowDown' ? 1 : -1, selector);
      return;
    }
    if (typing || event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    var key = event.key.toLowerCase();
    if (row.querySelector('select.rc-mark') && MARKS[key]) {
      event.preventDefault();
      mark(row, MARKS[key]);
      return;
    }
    var fit = row.querySelector('select.cc-fit');
    if (fit && (key === 'f' || key === 'n')) {
      event.preventDefault();
      fit.value = key === 'f' ? 'true' : 'false';
      if (key === 'n') {
        var reason = row.querySelector('.cc-reason');
        if (reason) {
          reason.focus();
        }
      }
    }
  });
})();
