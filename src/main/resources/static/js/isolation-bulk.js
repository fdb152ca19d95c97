// The bulk allocation list: a person picked from the search is added to the pasted numbers once.
document.addEventListener('click', function (event) {
  var pick = event.target.closest('[data-add-number]');
  if (!pick) {
    return;
  }
  var list = document.getElementById('numbers');
  var number = pick.getAttribute('data-add-number');
  var lines = list.value.split(/\r?\n/).map(function (l) { return l.trim().split(/[\s,]+/)[0]; });
  if (lines.indexOf(number) < 0) {
    list.value = (list.value.trim() ? list.value.replace(/\s*$/, '\n') : '') + number;
  }
  pick.disabled = true;
});
